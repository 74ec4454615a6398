import { defineConfig } from "vitest/config";

// One run covers everything; PostgreSQL suites (*.pg.test.ts) skip themselves, saying so,
// when TEST_DATABASE_URL is not set. The setup file fails any connection that leaves loopback;
// globalSetup builds dist/ (what the CLI end-to-end tests run) when it is stale.
//
// No per-file isolation: a worker loads the application once for all its files instead of once per
// file, and the JIT stays warm. The whole suite: ~6 min → 2.5 min on a loaded 2-core machine
// (test/app alone 97 s → 26 s). It holds because no test leaves state behind in module scope: every
// harness opens its own database, simulator and temp dir and closes them, and the suite passes with
// the file order shuffled (`npx vitest run --sequence.shuffle.files --sequence.seed=N`). A file that
// ever needs a fresh module graph can get a project of its own with `isolate: true`.
export default defineConfig({
  test: {
    setupFiles: ["test/setup.ts"],
    globalSetup: ["test/global-setup.ts"],
    testTimeout: 20_000,
    hookTimeout: 30_000,
    pool: "forks",
    isolate: false,
  },
});
