import { describe, expect, it } from "vitest";
import { globMatcher, MAX_GLOB_LENGTH, parseSelection } from "../../src/core/bulk/selector.js";

describe("--match globs", () => {
  it("matches whole names, any case, with * for any text and ? for one character", () => {
    const m = globMatcher("Spring*");
    expect(m("Spring Promo")).toBe(true);
    expect(m("spring")).toBe(true);
    expect(m("A Spring Promo")).toBe(false);
    expect(globMatcher("*promo")("Spring Promo")).toBe(true);
    expect(globMatcher("?ale")("Sale")).toBe(true);
    expect(globMatcher("?ale")("ale")).toBe(false);
    expect(globMatcher("S*a*e")("Summer Sale")).toBe(true);
    expect(globMatcher("S*a*x")("Summer Sale")).toBe(false);
    expect(globMatcher("a.b")("axb")).toBe(false);
    expect(globMatcher("(x)+")("(x)+")).toBe(true);
    expect(globMatcher("**")("")).toBe(true);
    expect(globMatcher("?")("🎉")).toBe(true);
  });

  it("answers the pathological pattern from issue 11 on long names in steps bounded by name × pattern", () => {
    const glob = `${"*?".repeat(40)}X`;
    const steps = { count: 0 };
    const m = globMatcher(glob, steps);
    const long = "a".repeat(2000);
    expect(m(long)).toBe(false);
    expect(m(`${long}x`)).toBe(true);
    expect(m("a".repeat(30))).toBe(false);
    // A backtracking matcher needs exponentially many steps here; the automaton at most name × pattern.
    expect(steps.count).toBeLessThanOrEqual((2001 + 2000 + 30) * (glob.length + 1));
  });

  it("refuses a pattern longer than the cap before matching anything", () => {
    const long = "*".repeat(MAX_GLOB_LENGTH + 1);
    expect(() => globMatcher(long)).toThrow(/limit is 200/);
    expect(() => parseSelection("pause", { positionals: ["acme"], flags: { match: long } })).toThrow(
      /--match pattern is 201 characters long/,
    );
  });
});
