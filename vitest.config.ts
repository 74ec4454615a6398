import { defineConfig } from "vitest/config";

// One run covers everything; PostgreSQL suites (*.pg.test.ts) skip themselves, saying so,
// when TEST_DATABASE_URL is not set. The setup file fails any connection that leaves loopback;
// globalSetup builds dist/ (what the CLI end-to-end tests run) when it is stale.
//
// Files that share nothing through module state run without per-file isolation: a worker loads the
// application once for all of them instead of once per file (the CLI files: 259 s → 142 s, the core
// unit files: 56 s → 22 s on a loaded 2-core machine). The rest keep a fresh module graph per file.
const SHARED_PROCESS = [
  "test/cli/**/*.test.ts",
  "test/core/**/*.test.ts",
  "test/architecture/**/*.test.ts",
  "test/store/**/*.test.ts",
];

export default defineConfig({
  test: {
    setupFiles: ["test/setup.ts"],
    globalSetup: ["test/global-setup.ts"],
    testTimeout: 20_000,
    hookTimeout: 30_000,
    pool: "forks",
    projects: [
      { extends: true, test: { name: "shared", include: SHARED_PROCESS, isolate: false } },
      {
        extends: true,
        test: {
          name: "isolated",
          include: ["test/**/*.test.ts"],
          exclude: ["**/node_modules/**", ...SHARED_PROCESS],
        },
      },
    ],
  },
});
