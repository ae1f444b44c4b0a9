import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['shared/**/*.test.ts', 'server/**/*.test.ts', 'client/src/**/*.test.ts', 'bench/**/*.test.ts'],
    // Vitest defaults to cores − 1 workers: one on a 2-core machine, so the suite ran serially
    // while most files wait on real processes (nats-server, Postgres, runners, SIGKILL loops).
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
