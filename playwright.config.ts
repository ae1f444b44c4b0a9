import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { defineConfig } from '@playwright/test';

// E2E_PORT lets several checkouts run their e2e suites side by side.
const PORT = Number(process.env.E2E_PORT ?? 3197);
// A fresh data directory per test session, so runs start from an empty store.
const dataDir = mkdtempSync(path.join(tmpdir(), `sluice-e2e-${process.pid}-`));

export default defineConfig({
  testDir: 'e2e',
  workers: 1,
  fullyParallel: false,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    viewport: { width: 1600, height: 900 },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      // Debian's Chromium; never `npx playwright install`.
      executablePath: '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
    },
  },
  webServer: {
    command: 'node dist/server/server/main.js',
    url: `http://127.0.0.1:${PORT}/api/health`,
    reuseExistingServer: false,
    timeout: 30_000,
    // Every spec stops its runs; the headroom only keeps a failing spec from failing the next one with 429.
    env: {
      PORT: String(PORT),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      SLUICE_MAX_RUNS: '8',
      // A closed tab's run stops 5 s after its last watcher leaves (30 s by default): the
      // run-ownership spec waits for it, and a reload on a busy machine still finds its run.
      // No spec may count on a run outliving its page.
      SLUICE_ORPHAN_GRACE_MS: '5000',
    },
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
