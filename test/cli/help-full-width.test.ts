/**
 * The shell's text rendering: piped (no terminal width) every cell is shown in full, so `help`
 * for every command reads completely outside chat; on a terminal, tables are fitted to its width.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fitColumns, renderReply } from "../../src/adapters/shell/render.js";
import { builtinCommands } from "../../src/core/commands/index.js";
import { usageOf } from "../../src/core/dispatch/command.js";
import { type Harness, startHarness } from "../support/app-harness.js";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

describe("help rendered for a pipe", () => {
  it("shows every command's usage, summary, options and examples uncut", async () => {
    const commands = builtinCommands();
    for (const command of commands) {
      const { reply } = await h.run(`help ${command.name}`);
      const text = renderReply(reply, { color: false });
      expect(text, command.name).toContain(usageOf(command));
      expect(text, command.name).toContain(command.summary);
      for (const spec of Object.values(command.flags ?? {}))
        expect(text, command.name).toContain(spec.description);
      for (const example of command.examples) expect(text, command.name).toContain(example);
      expect(text, command.name).not.toContain("…\n");
    }
    const overview = renderReply((await h.run("help")).reply, { color: false });
    for (const command of commands) expect(overview).toContain(command.summary);
  });
});

describe("tables on a terminal", () => {
  it("cut the widest column to fit the terminal and leave short columns whole", () => {
    expect(fitColumns([60, 8, 10], 80)).toEqual([57, 8, 10]);
    expect(fitColumns([20, 8], 80)).toEqual([20, 8]);
    const text = renderReply(
      {
        ok: true,
        tone: "neutral",
        visibility: "ephemeral",
        blocks: [
          {
            type: "table",
            columns: [{ header: "Permission" }, { header: "Where" }],
            rows: [["authorization:grant:view and a very long explanation of it", "ap_southeast_2"]],
          },
        ],
      },
      { color: false, width: 40 },
    );
    for (const line of text.split("\n")) expect(line.length).toBeLessThanOrEqual(40);
    expect(text).toContain("ap_southeast_2");
    expect(text).toContain("…");
  });
});
