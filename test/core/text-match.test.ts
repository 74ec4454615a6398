import { describe, expect, it } from "vitest";
import { closestMatches, editDistance, normalizeName } from "../../src/core/kernel/text-match.js";

describe("text matching", () => {
  it("normalizes case, width and inner whitespace", () => {
    expect(normalizeName("  Spring   PROMO ")).toBe("spring promo");
    expect(normalizeName("ＳＰＲＩＮＧ")).toBe("spring");
  });

  it("computes edit distance and stops early past the bound", () => {
    expect(editDistance("kitten", "sitting")).toBe(3);
    expect(editDistance("abc", "abc")).toBe(0);
    expect(editDistance("a", "abcdefgh", 2)).toBe(3);
  });

  it("suggests near names, best first, and nothing for unrelated input", () => {
    const names = ["Spring Promo", "Spring Promo Retargeting", "Summer Sale", "Renewals Q3"];
    expect(closestMatches("Sprng Promo", names)[0]).toBe("Spring Promo");
    expect(closestMatches("sumer sale", names)).toEqual(["Summer Sale"]);
    expect(closestMatches("zzzzzz", names)).toEqual([]);
  });
});

describe("did-you-mean on long names", () => {
  const names = ["Spring Promo", "Spring Promo Retargeting", "Summer Sale", "Renewals Q3"];
  it("matches a misspelt leading part of a name", () => {
    expect(closestMatches("sprng", names).slice(0, 2).sort()).toEqual([
      "Spring Promo",
      "Spring Promo Retargeting",
    ]);
  });
  it("matches a misspelt single word of a name", () => {
    expect(closestMatches("renewls", names)).toEqual(["Renewals Q3"]);
  });
  it("does not suggest names for very short unrelated input", () => {
    expect(closestMatches("xy", names)).toEqual([]);
  });
});
