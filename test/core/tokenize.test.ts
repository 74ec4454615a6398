import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MAX_COMMAND_LENGTH, stripInvisible, tokenize } from "../../src/core/dispatch/tokenize.js";
import { AppError } from "../../src/core/kernel/errors.js";

const values = (s: string) => tokenize(s).map((t) => t.value);

describe("tokenize", () => {
  it("splits on whitespace and keeps quoted names whole", () => {
    expect(values('pause acme "Spring Promo" --reason "DNC list stale"')).toEqual([
      "pause",
      "acme",
      "Spring Promo",
      "--reason",
      "DNC list stale",
    ]);
  });

  it("accepts typographic quotes that Slack and macOS insert", () => {
    expect(values("status acme \u201cSpring Promo\u201d")).toEqual(["status", "acme", "Spring Promo"]);
    expect(values("status acme \u2018Spring Promo\u2019")).toEqual(["status", "acme", "Spring Promo"]);
  });

  it("treats an apostrophe inside a word as a letter", () => {
    expect(values("status acme Mother's Day")).toEqual(["status", "acme", "Mother's", "Day"]);
    expect(values('status acme "Mother\'s Day"')).toEqual(["status", "acme", "Mother's Day"]);
  });

  it("marks quoted tokens so a quoted --word is a value, not a flag", () => {
    expect(tokenize('pause acme "--all"')[2]).toEqual({ value: "--all", quoted: true });
  });

  it("supports --flag=value with quotes and backslash escapes", () => {
    expect(values('pause acme x --reason="a b"')).toEqual(["pause", "acme", "x", "--reason=a b"]);
    expect(values('pause acme "say \\"hi\\""')).toEqual(["pause", "acme", 'say "hi"']);
  });

  it("refuses an unbalanced quote with the position and an example", () => {
    expect(() => tokenize('pause acme "Spring Promo')).toThrowError(/never closed/);
    try {
      tokenize('pause acme "Spring Promo');
    } catch (e) {
      expect(e).toBeInstanceOf(AppError);
      expect((e as AppError).code).toBe("usage");
      expect((e as AppError).hint).toContain('"Spring Promo"');
    }
  });

  it("returns nothing for empty or blank input", () => {
    expect(tokenize("")).toEqual([]);
    expect(tokenize("   \t\n ")).toEqual([]);
  });

  it("drops control and zero-width characters", () => {
    expect(values("list\u0000 acme\u200b")).toEqual(["list", "acme"]);
  });

  it("keeps unicode names intact", () => {
    expect(values('status acme "Promo été 🎉"')).toEqual(["status", "acme", "Promo été 🎉"]);
  });

  it("refuses lines over the limit with a usage error instead of processing them", () => {
    const line = `list acme ${"x".repeat(10_240)}`;
    expect(() => tokenize(line)).toThrowError(new RegExp(`limit is ${MAX_COMMAND_LENGTH}`));
  });

  it("never throws anything but a usage AppError, whatever the input", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 3000, unit: "grapheme" }), (s) => {
        try {
          const tokens = tokenize(s);
          for (const t of tokens) expect(typeof t.value).toBe("string");
        } catch (e) {
          expect(e).toBeInstanceOf(AppError);
          expect((e as AppError).code).toBe("usage");
        }
      }),
      { numRuns: 500 },
    );
  });
});

describe("bidirectional and invisible controls", () => {
  it("strips right-to-left override and the other bidi controls so nothing echoed reads backwards", () => {
    expect(values("status acme \u202eomorP gnirpS\u202c")).toEqual(["status", "acme", "omorP", "gnirpS"]);
    expect(values("status\u2066 acme\u2069 \u200fSpring\u061c\u00ad")).toEqual(["status", "acme", "Spring"]);
    expect(stripInvisible("a\u202ab\u202bc\u202dd\u2067e\u2068f\u200eg\u0085h")).toBe("abcdefgh");
  });
});
