/**
 * `audit <org> --limit N` on a busy org (real simulator, real SQLite): the database filters and pages,
 * so N means N rows shown, however many read-only rows and folded intents lie between the changes.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type Harness, startHarness } from "../support/app-harness.js";

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h?.close();
});

/** The table rows of an `audit` answer (`7 | 2 min ago | shell:sam | pause | …`). */
const tableRows = (text: string) => text.split("\n").filter((l) => /^\d+ \| /.test(l));

/** Read-only rows, as a few hundred `list`s would leave them. */
async function busyReads(n: number) {
  for (let i = 0; i < n; i++)
    await h.app.services.audit.append({
      actor: "shell:sam",
      platform: "shell",
      channel: "shell",
      orgSlug: "acme",
      action: "list",
      outcome: "info",
    });
}

describe("audit on a busy org", () => {
  it("shows the N newest changes when hundreds of reads were recorded after them", async () => {
    await h.run('pause acme "Spring Promo" --reason one', "sam");
    await h.run('resume acme "Spring Promo" --reason two', "sam");
    await h.run('pause acme "Winter Sale" --reason three', "sam");
    await h.run("list acme", "sam");
    await busyReads(140);

    const { text } = await h.run("audit acme --limit 3", "sam");
    expect(text).not.toContain("Nothing recorded");
    const rows = tableRows(text);
    expect(rows).toHaveLength(3);
    expect(rows[0]).toMatch(/\| pause \| Winter Sale \| success/);
    expect(rows[1]).toMatch(/\| resume \| Spring Promo \| pending/);
    expect(rows[2]).toMatch(/\| pause \| Spring Promo \| success/);
  });

  it("counts --limit after the --campaign filter, matching the name in any letter case", async () => {
    await h.run('pause acme "Spring Promo" --reason one', "sam");
    await h.run('resume acme "Spring Promo" --reason two', "sam");
    await h.run('pause acme "Winter Sale" --reason noise', "sam");
    await busyReads(120);
    const { text } = await h.run('audit acme --campaign "spring promo" --limit 2', "sam");
    const rows = tableRows(text);
    expect(rows).toHaveLength(2);
    expect(rows.every((r) => r.includes("| Spring Promo |"))).toBe(true);
    const all = tableRows((await h.run("audit acme --all --limit 5", "sam")).text);
    expect(all).toHaveLength(5);
    expect(
      all.every((r) => /\| (list|audit) \| .*\| info/.test(r)),
      all.join("\n"),
    ).toBe(true);
  });
});
