import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['shared/**/*.test.ts', 'server/**/*.test.ts', 'client/src/**/*.test.ts', 'bench/**/*.test.ts'],
    // Server, runner and CLI processes that tests start run a transpiled copy, not tsx (see there).
    globalSetup: ['server/test-helpers/transpile-sources.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
