import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { AppError, auditOutcomeOf, refused } from "../../src/core/kernel/errors.js";

const SRC = path.resolve(import.meta.dirname, "../../src");

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? sources(full) : full.endsWith(".ts") ? [full] : [];
  });
}

describe("one way to say refused", () => {
  it("audits a refusal as denied and every other failure as a failure, from the error itself", () => {
    expect(auditOutcomeOf(refused("You may not."))).toBe("denied");
    expect(refused("You may not.", { hint: "Ask an admin." })).toMatchObject({
      code: "not_permitted",
      userMessage: "You may not.",
      hint: "Ask an admin.",
    });
    expect(auditOutcomeOf(new AppError("usage", "Bad line."))).toBe("failure");
    expect(auditOutcomeOf(new Error("boom"))).toBe("failure");
  });

  it("has no refusal built by hand, so none can miss its audit outcome", () => {
    const byHand = sources(SRC)
      .filter((f) => !f.endsWith(`${path.sep}errors.ts`))
      .filter((f) => /new AppError\(\s*"not_permitted"/.test(readFileSync(f, "utf8")))
      .map((f) => path.relative(SRC, f));
    expect(byHand).toEqual([]);
  });
});
