/**
 * `serve` over HTTP loads Bolt without Express and Socket Mode (src/adapters/slack/bolt.ts), and
 * Socket Mode's receiver still arrives the moment Bolt reaches for it. Checked in a fresh process on
 * the compiled app: in this one, other tests may already have loaded Bolt's entry module.
 */
import { execFileSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "../..");

const PROBE = `
import { createRequire } from "node:module";
const require = createRequire(import.meta.url);
const bolt = await import("./dist/adapters/slack/bolt.js");
const loaded = (part) => Object.keys(require.cache).some((file) => file.includes(part));
const before = { express: loaded("/node_modules/express/"), socketMode: loaded("/node_modules/@slack/socket-mode/") };
const receiver = createRequire(require.resolve("@slack/bolt"))("./receivers/SocketModeReceiver.js").default;
process.stdout.write(JSON.stringify({
  before,
  app: typeof bolt.App,
  httpReceiver: typeof bolt.HTTPReceiver,
  socketModeReceiver: receiver?.name,
  socketModeAfter: loaded("/node_modules/@slack/socket-mode/"),
}));
`;

describe("loading Bolt", () => {
  it("leaves Express and Socket Mode unloaded until Socket Mode's receiver is reached for", () => {
    const out = execFileSync(process.execPath, ["--input-type=module", "-e", PROBE], {
      cwd: ROOT,
      encoding: "utf8",
    });
    expect(JSON.parse(out)).toEqual({
      before: { express: false, socketMode: false },
      app: "function",
      httpReceiver: "function",
      socketModeReceiver: "SocketModeReceiver",
      socketModeAfter: true,
    });
  });
});
