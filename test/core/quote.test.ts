/** quoteWord is tokenize's inverse: any name a button carries reads back as the same one word. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { alertMessage } from "../../src/core/alerts/alert-message.js";
import { quoteWord } from "../../src/core/dispatch/quote.js";
import { stripInvisible, tokenize } from "../../src/core/dispatch/tokenize.js";

describe("quoteWord", () => {
  it("reads back names with quotes of every kind, backslashes and spaces as one word", () => {
    for (const name of [
      'The 5" Screens Promo',
      '"Quoted"',
      "“Smart” quotes „here“",
      "Mother's Day",
      "back\\slash\\",
      "  spaced  out  ",
      "",
    ]) {
      expect(tokenize(`resume acme ${quoteWord(name)} 1h`)).toEqual([
        { value: "resume", quoted: false },
        { value: "acme", quoted: false },
        { value: name, quoted: true },
        { value: "1h", quoted: false },
      ]);
    }
  });

  it("round-trips any visible text", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 60 }), (raw) => {
        const name = stripInvisible(raw);
        expect(tokenize(`why acme ${quoteWord(name)} dialing`).map((t) => t.value)).toEqual([
          "why",
          "acme",
          name,
          "dialing",
        ]);
      }),
    );
  });
});

describe("alert buttons", () => {
  it("carry a campaign whose name holds quotes so that the clicked command names that campaign", () => {
    const name = 'The 5" Screens “Deal”';
    const reply = alertMessage({
      id: "i1",
      orgSlug: "acme",
      campaignId: "c1",
      campaignName: name,
      kind: "stopped",
      status: "off",
      version: 2,
      lastVersion: 2,
      detail: {},
      openedAt: new Date(0),
      updatedAt: new Date(0),
      resolvedAt: null,
    });
    const actions = reply.blocks.flatMap((b) => (b.type === "actions" ? b.actions : []));
    expect(actions.map((a) => a.id)).toEqual(["resume", "why", "mute"]);
    for (const a of actions) expect(tokenize(a.value ?? "")[2]).toEqual({ value: name, quoted: true });
  });
});
