import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    // A real PostgreSQL server for tests/store/postgres (FUNDLEDGER_PG_URL, else scripts/postgres.sh).
    globalSetup: ["tests/support/postgres.globalSetup.ts"],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
