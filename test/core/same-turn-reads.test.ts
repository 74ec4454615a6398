import { describe, expect, it } from "vitest";
import { SameTurnReads } from "../../src/core/kernel/same-turn-reads.js";

describe("same-turn reads", () => {
  it("share one query among callers asking for the same key in one turn", async () => {
    const reads = new SameTurnReads<string>();
    const queried: string[] = [];
    const query = (key: string) => () => {
      queried.push(key);
      return Promise.resolve(`row ${key}`);
    };
    const answers = await Promise.all([
      reads.read("a", query("a")),
      reads.read("b", query("b")),
      reads.read("a", query("a")),
    ]);
    expect(answers).toEqual(["row a", "row b", "row a"]);
    expect(queried).toEqual(["a", "b"]);
  });

  it("run the query only after every caller asked, and start a new one once it has started", async () => {
    const reads = new SameTurnReads<number>();
    let value = 1;
    let queries = 0;
    const query = () => {
      queries++;
      return Promise.resolve(value);
    };
    const first = reads.read("k", query);
    value = 2; // a write that finished before the second caller asked: both must see it
    const second = reads.read("k", query);
    expect(await Promise.all([first, second])).toEqual([2, 2]);
    value = 3;
    expect(await reads.read("k", query)).toBe(3);
    expect(queries).toBe(2);
  });

  it("give a failure to every caller and keep nothing of it", async () => {
    const reads = new SameTurnReads<string>();
    let fail = true;
    const query = () => (fail ? Promise.reject(new Error("locked")) : Promise.resolve("ok"));
    const answers = await Promise.allSettled([reads.read("k", query), reads.read("k", query)]);
    expect(answers.map((a) => a.status)).toEqual(["rejected", "rejected"]);
    fail = false;
    expect(await reads.read("k", query)).toBe("ok");
  });
});
