/**
 * Property: whatever text arrives — any Unicode, stray and curly quotes, flags in odd places, huge
 * lines — the real application answers with a Reply and never throws, and never answers with the
 * "something went wrong" of an unexpected fault. Runs against the whole app (simulator, database),
 * so the words it mixes in reach the commands, not just the parser.
 */
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { shellInvocation } from "../../src/adapters/shell/invocation.js";
import { replyToPlainText } from "../../src/core/kernel/reply.js";
import { type Harness, startHarness } from "../support/app-harness.js";

const FAULT = "Something went wrong on Switchboard's side";

// Words the grammar knows, so generated lines get past the first token often enough to matter.
const WORDS = [
  "campaign",
  "/campaign",
  "help",
  "list",
  "status",
  "pause",
  "resume",
  "why",
  "explain",
  "approve",
  "deny",
  "approvals",
  "audit",
  "whoami",
  "org",
  "test",
  "acme",
  "globex",
  "nope",
  "Spring",
  "Promo",
  '"Spring Promo"',
  "Summer Sale",
  "--reason",
  "--reason=",
  "--for",
  "45m",
  "-1d",
  "--all",
  "--match",
  "Spring*",
  "--orgs",
  "acme,globex",
  "--yes",
  "--limit",
  "--",
  "-",
  "last",
];
const QUOTES = ['"', "'", "“", "”", "‘", "’", "\\", '\\"', "``", " ", "\t", "\n", "\u0000", "\u200b", "🙂"];

const piece = fc.oneof(
  fc.constantFrom(...WORDS),
  fc.constantFrom(...QUOTES),
  fc.string({ unit: "binary", maxLength: 12 }),
  fc.string({ unit: "grapheme", maxLength: 12 }),
);
const COMMANDS = [
  "list",
  "status",
  "pause",
  "resume",
  "why",
  "explain",
  "approve",
  "deny",
  "approvals",
  "audit",
  "org test",
  "help",
  "whoami",
];
// A real command and org first, so most lines get past the parser and into the commands themselves.
const command = fc
  .tuple(
    fc.constantFrom(...COMMANDS),
    fc.constantFrom("acme", "globex", "ACME", "nope", '"acme"', ""),
    fc.array(piece, { maxLength: 8 }),
  )
  .map(([name, org, rest]) => [name, org, ...rest].join(" "));
const line = fc.oneof(
  { arbitrary: command, weight: 3 },
  { arbitrary: fc.string({ unit: "binary", maxLength: 200 }), weight: 1 },
  { arbitrary: fc.array(piece, { maxLength: 12 }).map((parts) => parts.join(" ")), weight: 1 },
  { arbitrary: fc.array(piece, { maxLength: 12 }).map((parts) => parts.join("")), weight: 1 },
);

describe("the dispatcher under arbitrary input", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.close());

  async function answers(text: string, as: string): Promise<void> {
    expect(() => h.app.dispatcher.validate(text)).not.toThrow();
    const reply = await h.app.dispatcher.dispatch(shellInvocation(text, as));
    expect(Array.isArray(reply.blocks)).toBe(true);
    const rendered = replyToPlainText(reply);
    expect(rendered.length).toBeGreaterThan(0);
    expect(rendered).not.toContain(FAULT);
  }

  it("answers every generated line with a reply, never a fault", async () => {
    await fc.assert(fc.asyncProperty(line, fc.constantFrom("sam", "riley", "admin", "stranger"), answers), {
      numRuns: 250,
      seed: 20_251_122,
    });
  });

  it("answers huge and pathological lines", async () => {
    const huge = [
      "x".repeat(200_000),
      `status acme "${"Spring ".repeat(20_000)}"`,
      '"'.repeat(50_001),
      `pause acme ${"--reason ".repeat(5_000)}`,
      `list ${"acme ".repeat(10_000)}`,
      "🙂".repeat(30_000),
      "\u0000".repeat(1_000),
    ];
    for (const text of huge) await answers(text, "sam");
  });
});
