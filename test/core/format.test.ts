import { describe, expect, it } from "vitest";
import { durationText } from "../../src/core/format.js";

describe("durationText", () => {
  it("rounds to whole seconds before splitting into minutes, never showing 60 s", () => {
    expect(durationText(14 * 60_000 + 59_600)).toBe("15 min");
    expect(durationText(59_700)).toBe("1 min");
    expect(durationText(59 * 60_000 + 59_800)).toBe("1 h");
    expect(durationText(14 * 60_000 + 59_400)).toBe("14 min 59 s");
  });

  it("keeps short durations precise", () => {
    expect(durationText(400)).toBe("400 ms");
    expect(durationText(1_600)).toBe("1.6 s");
    expect(durationText(42_000)).toBe("42 s");
    expect(durationText(2 * 3_600_000 + 5 * 60_000)).toBe("2 h 5 min");
  });
});
