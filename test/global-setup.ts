// The end-to-end tests run bin/switchboard.js, which runs the compiled dist/: build it first when any
// source is newer than the last build (a fresh clone after `npm ci` is already built; this keeps
// edits made since then honest).
import { build } from "../scripts/build.mjs";

export default async function setup(): Promise<void> {
  await build();
}
