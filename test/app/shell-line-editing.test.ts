/**
 * The interactive shell as a person at a terminal meets it: the real REPL on a terminal-mode
 * readline over streams, the real app and simulator behind it. Tab completes commands, orgs and the
 * campaigns the caller may list; Ctrl-C drops a half-typed line and leaves only when pressed twice on
 * an empty one; a background notice is printed above the prompt, which is redrawn with the typed line.
 */
import { PassThrough } from "node:stream";
import { stripVTControlCharacters } from "node:util";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { runShell, ShellScreen } from "../../src/adapters/shell/repl.js";
import { type Completer, createCompleter } from "../../src/core/dispatch/completion.js";
import { type Harness, startHarness } from "../support/app-harness.js";

let h: Harness;
let completer: Completer;
beforeAll(async () => {
  h = await startHarness();
  completer = createCompleter(h.app.services, h.app.dispatcher.commands);
});
afterAll(() => h.close());

describe("completion", () => {
  const complete = async (line: string, actor = "shell:sam") =>
    (await completer.complete(actor, line)).candidates;

  it("completes command names, then a group's second words", async () => {
    expect(await complete("pa")).toEqual(["pause"]);
    expect(await complete("")).toEqual(expect.arrayContaining(["list", "org", "pause", "resume", "status"]));
    expect(await complete("org ")).toEqual(expect.arrayContaining(["list", "test"]));
  });

  it("completes org slugs where an org goes, and nothing after a flag that takes a value", async () => {
    expect(await complete("list ")).toEqual(["acme", "globex"]);
    expect(await complete("pause g")).toEqual(["globex"]);
    expect(await complete("list acme --status ")).toEqual([]);
  });

  it("completes campaign names quoted when they hold spaces, only those the caller may list", async () => {
    expect(await complete('status acme "Spr')).toEqual(['"Spring Promo"', '"Spring Promo Retargeting"']);
    expect(await complete("why acme wint")).toEqual(['"Winter Sale"']);
    // The OAuth client cannot see the Vault division: its campaign is never offered.
    expect(await complete("status acme Sec")).toEqual([]);
    // Someone with no mapping in the org may list nothing there, so nothing is completed.
    expect(await complete("status acme Spr", "shell:nobody")).toEqual([]);
    expect(await complete("status nosuchorg Spr")).toEqual([]);
  });

  it("completes after the chat prefix as the parser reads it (`campaign`, `/campaign`)", async () => {
    expect(await complete("campaign pa")).toEqual(["pause"]);
    expect(await complete("/campaign pause g")).toEqual(["globex"]);
    expect(await complete('campaign status acme "Spr')).toEqual([
      '"Spring Promo"',
      '"Spring Promo Retargeting"',
    ]);
  });
});

describe("the shell at a terminal", () => {
  function open() {
    const input = new PassThrough();
    const output = new PassThrough();
    let text = "";
    output.on("data", (d: Buffer) => {
      text += d.toString();
    });
    const screen = new ShellScreen(output);
    const done = runShell({
      dispatcher: h.app.dispatcher,
      user: "sam",
      knownUsers: ["sam"],
      banner: [],
      input,
      output,
      color: false,
      terminal: true,
      completer,
      screen,
    });
    return {
      screen,
      done,
      type: (keys: string) => input.write(keys),
      output: () => text,
      // What was drawn since `mark` (terminal escapes removed).
      since: (mark: number) => stripVTControlCharacters(text.slice(mark)),
    };
  }

  it("completes with Tab and runs the completed line", async () => {
    const t = open();
    t.type("status acme Wint\t");
    await vi.waitFor(() => expect(t.since(0)).toContain('status acme "Winter Sale"'));
    t.type("\r");
    await vi.waitFor(() => expect(t.since(0)).toMatch(/Winter Sale[\s\S]*\bon\b/));
    t.type("\x04");
    await t.done;
  });

  it("clears a half-typed line on Ctrl-C and leaves on a second Ctrl-C on an empty line", async () => {
    const t = open();
    t.type("pause acme Winter");
    t.type("\x03");
    await vi.waitFor(() => expect(t.since(0)).toContain("pause acme Winter^C"));
    t.type("whoami\r");
    await vi.waitFor(() => expect(t.since(0)).toContain("You are sam"));
    // The dropped line never ran: nothing was paused or asked for.
    expect(t.since(0)).not.toMatch(/Paused|confirm|--reason/i);
    const mark = t.output().length;
    t.type("\x03");
    await vi.waitFor(() => expect(t.since(mark)).toContain("To leave, press Ctrl-C again"));
    t.type("\x03");
    await t.done;
  });

  it("prints a background notice above the prompt and redraws the typed line", async () => {
    const t = open();
    t.type("list ac");
    await vi.waitFor(() => expect(t.since(0)).toContain("list ac"));
    const mark = t.output().length;
    t.screen.notice("\nResumed Spring Promo in acme as scheduled.\n");
    const drawn = t.since(mark);
    expect(drawn).toMatch(/^\s*Resumed Spring Promo in acme as scheduled\.\n/);
    expect(drawn.endsWith("sam@switchboard> list ac")).toBe(true);
    // The typed line is intact: finishing it runs it.
    t.type("me\r");
    await vi.waitFor(() => expect(t.since(mark)).toContain("Spring Promo"));
    t.type("\x04");
    await t.done;
  });
});
