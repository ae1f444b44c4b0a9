import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp } from './app.js';
import { DEFAULT_LIMITS } from './config.js';
import { graphOf } from './test-helpers/graph-of.js';
import { sendJson, startTestApp, type TestApp } from './test-helpers/start-app.js';

let app: TestApp;
afterEach(async () => {
  await app?.close();
});

//   src(count, as fast as the sinks take) ──┬──▶ a(file)
//                                           ├──▶ b(file)
//                                           └──▶ c(file)
const threeFiles = (count: number, onFull: 'stop' | 'fail' = 'stop') =>
  graphOf(
    [
      ['src', 'generator', { rate: null, count }],
      ['a', 'file', { onFull }],
      ['b', 'file', { onFull }],
      ['c', 'file', { onFull }],
    ],
    [
      ['src', 'a'],
      ['src', 'b'],
      ['src', 'c'],
    ],
  );

/** Starts a run and collects what its nodes say on the run console, until it ends. */
async function runToEnd(graph: unknown) {
  const lines: string[] = [];
  const res = await sendJson('POST', `${app.url}/api/runs`, { graph });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  const runId = res.body.runId as string;
  app.runs.on('run:log', (id, _nodeId, l) => {
    if (id === runId) lines.push(...l);
  });
  const result = await app.runs.get(runId)!.done;
  return { runId, result, lines };
}

/** Bytes of each file a run left, and that each still parses line by line (whole lines only). */
function filesOf(runId: string): Record<string, number> {
  const dir = path.join(app.dataDir, 'runs', runId);
  const sizes: Record<string, number> = {};
  for (const f of readdirSync(dir)) {
    const text = readFileSync(path.join(dir, f), 'utf8');
    if (text.length > 0) for (const line of text.trimEnd().split('\n')) JSON.parse(line);
    sizes[f] = statSync(path.join(dir, f)).size;
  }
  return sizes;
}

const sum = (o: Record<string, number>) => Object.values(o).reduce((a, b) => a + b, 0);

// Each run starts a worker thread that loads TypeScript sources: seconds on a busy machine.
const SLOW = { timeout: 90_000 };

describe("a run's disk budget (SLUICE_MAX_RUN_FILES_BYTES)", () => {
  it('three file sinks share it: together they stop at it, say so, and the run goes on', SLOW, async () => {
    app = await startTestApp({ maxRunFilesBytes: 60_000 });
    // 5 000 items × ≈70 bytes would be ≈350 KB per file, ≈1 MB together.
    const { runId, result, lines } = await runToEnd(threeFiles(5_000));

    expect(result.status).toBe('completed');
    const sizes = filesOf(runId);
    expect(Object.keys(sizes).sort()).toEqual(['a.jsonl', 'b.jsonl', 'c.jsonl']);
    expect(sum(sizes)).toBeLessThanOrEqual(60_000);
    expect(sum(sizes)).toBeGreaterThan(60_000 - 3 * 100); // filled up to the last whole lines
    expect(result.totals.dropped).toBeGreaterThan(0);
    // Each sink says once why it stopped, naming the budget and the setting.
    for (const node of ['a', 'b', 'c']) {
      const said = lines.filter((l) => l.startsWith(`${node}: stopped writing`));
      expect(said, node).toHaveLength(1);
      expect(said[0]).toContain(
        "the run's files reached their budget of 58.6 KB (SLUICE_MAX_RUN_FILES_BYTES)",
      );
    }
  });

  it('with onFull: fail the run fails with that message', SLOW, async () => {
    app = await startTestApp({ maxRunFilesBytes: 20_000 });
    const { runId, result } = await runToEnd(threeFiles(5_000, 'fail'));
    expect(result.status).toBe('failed');
    expect(result.error?.message).toContain('SLUICE_MAX_RUN_FILES_BYTES');
    expect(sum(filesOf(runId))).toBeLessThanOrEqual(20_000);
  });
});

describe("the server's disk budget (SLUICE_MAX_FILES_BYTES)", () => {
  it(
    'stops every sink at it, and makes room for the next run from the oldest finished ones',
    SLOW,
    async () => {
      app = await startTestApp({ maxRunFilesBytes: 1_000_000, maxFilesBytes: 50_000 });
      const first = await runToEnd(threeFiles(5_000));
      expect(first.result.status).toBe('completed');
      expect(sum(filesOf(first.runId))).toBeLessThanOrEqual(50_000);
      expect(sum(filesOf(first.runId))).toBeGreaterThan(50_000 - 3 * 100);
      expect(first.lines.filter((l) => l.includes('SLUICE_MAX_FILES_BYTES')).length).toBeGreaterThan(0);
      expect(first.lines[0]).toContain("the server's run files reached their budget of 48.8 KB");

      // The next run would find the budget spent: the oldest finished run's files go first.
      const second = await runToEnd(threeFiles(5_000));
      expect(readdirSync(path.join(app.dataDir, 'runs'))).toEqual([second.runId]);
      expect(sum(filesOf(second.runId))).toBeLessThanOrEqual(50_000);
      expect(sum(filesOf(second.runId))).toBeGreaterThan(50_000 - 3 * 100);
    },
  );

  it('counts the files earlier server processes left, from the start', SLOW, async () => {
    app = await startTestApp({ maxRunFilesBytes: 1_000_000, maxFilesBytes: 50_000 });
    const first = await runToEnd(threeFiles(5_000)); // leaves ≈50 KB
    const dataDir = app.dataDir;
    // A restart on the same data directory, with a 60 KB server budget and 30 KB per run: the
    // 50 KB found on disk leave no room for a run, so the new run's start removes them.
    const again = createApp({
      limits: { ...DEFAULT_LIMITS, maxRunFilesBytes: 30_000, maxFilesBytes: 60_000 },
      store: app.store,
      dataDir,
    });
    try {
      const run = again.runs.start(threeFiles(5_000), 10);
      expect((await run.done).status).toBe('completed');
      expect(readdirSync(path.join(dataDir, 'runs'))).toEqual([run.runId]);
      expect(readdirSync(path.join(dataDir, 'runs'))).not.toContain(first.runId);
      expect(sum(filesOf(run.runId))).toBeLessThanOrEqual(30_000);
    } finally {
      await again.close();
    }
  });
});
