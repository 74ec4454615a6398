import { describe, expect, it } from "vitest";
import { ago, durationText, utcText } from "../../src/core/kernel/format.js";

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

describe("utcText", () => {
  const now = new Date("2026-12-04T17:00:00Z");
  it("shows a time the way every reply does, with the date only for another day, never raw ISO", () => {
    expect(utcText("2026-12-04T17:40:12.345Z", now)).toBe("17:40 UTC");
    expect(utcText(new Date("2026-12-06T09:05:00Z"), now)).toBe("2026-12-06 09:05 UTC");
    expect(utcText("2026-12-06T09:05:00Z")).toBe("2026-12-06 09:05 UTC");
    expect(ago(new Date("2026-12-01T08:00:00Z"), now)).toBe("2026-12-01 08:00 UTC");
  });
});
