import { defineConfig } from "vitest/config";

// One run covers everything; PostgreSQL suites (*.pg.test.ts) skip themselves, saying so,
// when TEST_DATABASE_URL is not set. The setup file fails any connection that leaves loopback;
// globalSetup builds dist/ (what the CLI end-to-end tests run) when it is stale.
export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    setupFiles: ["test/setup.ts"],
    globalSetup: ["test/global-setup.ts"],
    testTimeout: 20_000,
    hookTimeout: 30_000,
    pool: "forks",
  },
});
