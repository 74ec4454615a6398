/**
 * Bolt's runtime, loaded without what `serve` over HTTP never uses. `@slack/bolt`'s entry module
 * loads every receiver: Express (for ExpressReceiver) and Socket Mode (its client and its own copy
 * of undici), ~0.5 s of the 2.8 s of CPU a profiled `serve` start spent. Here Bolt's App and
 * HTTPReceiver come from their own modules, and Socket Mode's receiver — which App's module requires
 * eagerly but only constructs with `socketMode: true` — is loaded the first time App touches it.
 * Types still come from "@slack/bolt"; only this file loads Bolt's code. Bolt is pinned
 * (package.json), so the module paths below are fixed; test/slack exercises both modes through it.
 */
import { createRequire, Module } from "node:module";
import type * as BoltTypes from "@slack/bolt";

const require = createRequire(import.meta.url);
const boltRequire = createRequire(require.resolve("@slack/bolt"));

/** Puts a stand-in for Socket Mode's receiver where App's `require` finds it, loading the real one on first use. */
function deferSocketMode(): void {
  const file = boltRequire.resolve("./receivers/SocketModeReceiver.js");
  if (require.cache[file]) return;
  const standIn = new Module(file);
  standIn.filename = file;
  standIn.loaded = true;
  // App reads `.default` where it uses the class (TypeScript's __importDefault keeps this object).
  standIn.exports = {
    __esModule: true,
    get default(): unknown {
      if (require.cache[file] === standIn) delete require.cache[file];
      return (boltRequire(file) as { default: unknown }).default;
    },
  };
  require.cache[file] = standIn;
}

deferSocketMode();
const appModule = boltRequire("./App.js") as {
  default: typeof BoltTypes.App;
  LogLevel: typeof BoltTypes.LogLevel;
};

export const App = appModule.default;
export const LogLevel = appModule.LogLevel;
export const HTTPReceiver = (
  boltRequire("./receivers/HTTPReceiver.js") as { default: typeof BoltTypes.HTTPReceiver }
).default;
export const webApi = boltRequire("@slack/web-api") as typeof BoltTypes.webApi;
export type App = BoltTypes.App;
export type LogLevel = BoltTypes.LogLevel;
