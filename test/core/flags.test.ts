import { describe, expect, it } from "vitest";
import { type FlagSpecs, parseArgs, parseDuration } from "../../src/core/dispatch/flags.js";
import { tokenize } from "../../src/core/dispatch/tokenize.js";
import type { AppError } from "../../src/core/kernel/errors.js";

const specs: FlagSpecs = {
  reason: { type: "string", valueName: "TEXT", description: "why" },
  yes: { type: "boolean", description: "confirm" },
  limit: { type: "integer", min: 1, max: 500, description: "rows" },
  for: { type: "duration", max: 7 * 86_400_000, description: "how long" },
};
const parse = (s: string) => parseArgs(tokenize(s), specs, "cmd <org>");
const failure = (s: string): AppError => {
  try {
    parse(s);
  } catch (e) {
    return e as AppError;
  }
  throw new Error(`expected "${s}" to fail`);
};

describe("parseArgs", () => {
  it("separates positionals from declared flags in any order", () => {
    expect(parse('acme --reason "stale list" "Spring Promo" --yes')).toEqual({
      positionals: ["acme", "Spring Promo"],
      flags: { reason: "stale list", yes: true },
    });
  });

  it("converts integers and durations", () => {
    expect(parse("--limit 20 --for 45m").flags).toEqual({ limit: 20, for: 45 * 60_000 });
    expect(parse("--for=2h").flags.for).toBe(7_200_000);
  });

  it("suggests the closest option for a typo", () => {
    const e = failure("acme --reasn x");
    expect(e.code).toBe("usage");
    expect(e.userMessage).toBe("Unknown option --reasn.");
    expect(e.hint).toContain("Did you mean --reason?");
  });

  it("explains a missing flag value", () => {
    expect(failure("acme --reason").userMessage).toBe("--reason needs a value (TEXT).");
    expect(failure("acme --reason --yes").userMessage).toContain("needs a value");
  });

  it("rejects out-of-range and malformed values with the accepted form", () => {
    expect(failure("--limit 0").userMessage).toContain("between 1 and 500");
    expect(failure("--limit ten").userMessage).toContain('not "ten"');
    expect(failure("--for soon").userMessage).toContain("like 30m");
  });

  it("states the maximum when a duration is too long, not the duration format", () => {
    expect(failure("--for 8d").userMessage).toBe('--for can be at most 7 days, not "8d".');
    expect(failure("--for 30d").userMessage).not.toContain("like 30m");
  });

  it("treats everything after -- as positional", () => {
    expect(parse("acme -- --yes").positionals).toEqual(["acme", "--yes"]);
  });
});

describe("parseDuration", () => {
  it.each([
    ["30s", 30_000],
    ["30m", 1_800_000],
    ["45 minutes", 2_700_000],
    ["2h", 7_200_000],
    ["1d", 86_400_000],
  ])("%s = %d ms", (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it("returns undefined for non-durations", () => {
    expect(parseDuration("m30")).toBeUndefined();
    expect(parseDuration("")).toBeUndefined();
  });
});
