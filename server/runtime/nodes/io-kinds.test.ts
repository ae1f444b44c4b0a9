import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Item } from '../node-behavior.js';
import type { NodeOutMessage } from '../node-io.js';
import { startRun } from '../start-run.js';
import { planOf } from '../test-graphs.js';
import { FakeClock } from '../test-helpers/fake-clock.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Every message the run's I/O nodes sent out, per node. */
function outbox() {
  const sent: Record<string, NodeOutMessage[]> = {};
  return {
    sent,
    onNodeMessage: (nodeId: string, m: NodeOutMessage) => {
      sent[nodeId] ??= [];
      sent[nodeId].push(m);
    },
    items: (nodeId: string) =>
      (sent[nodeId] ?? []).flatMap((m) => (m.type === 'items' ? m.items : [])) as Item[],
  };
}

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'sluice-io-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('log sink in a graph', () => {
  it('sends at most maxLinesPerSecond lines (plus the first burst) and counts the rest as sampled out', async () => {
    //   src(100/s, 1 000 items: 10 s) ──▶ log(20 lines/s, "{key}={value}")
    const clock = new FakeClock();
    const box = outbox();
    const run = startRun(
      planOf(
        [
          ['src', 'generator', { rate: 100, count: 1_000 }],
          ['log', 'log', { maxLinesPerSecond: 20, format: '#{id} {key}={value} {missing}' }],
        ],
        [['src', 'log']],
      ),
      { runId: 't', clock, onNodeMessage: box.onNodeMessage },
    );
    const result = await clock.runUntil(run.done, 60_000);
    expect(result.status).toBe('completed');
    const messages = box.sent.log!.filter((m) => m.type === 'log');
    const lines = messages.flatMap((m) => m.lines);
    const last = messages.at(-1)!;
    // 20 at once, then 20/s for the ~10 s the items take: about 220, never more.
    expect(lines.length).toBeGreaterThanOrEqual(200);
    expect(lines.length).toBeLessThanOrEqual(20 + 20 * 10 + 1);
    expect(last.sampledOut).toBe(1_000 - lines.length); // every item is either a line or counted
    expect(lines[0]).toMatch(/^#0 k\d+=\d+ -$/);
    expect(result.totals.delivered).toBe(1_000);
  });
});

describe('file sink in a graph', () => {
  it('writes every item as one JSON line, in order, into <dataDir>/runs/<runId>/<nodeId>.jsonl', async () => {
    const dataDir = tempDir();
    const result = await startRun(
      planOf(
        [
          ['src', 'generator', { rate: null, count: 20_000, payloadBytes: 100 }],
          ['out', 'file'],
        ],
        [['src', 'out', { capacity: 16 }]],
      ),
      { runId: 'r1', nodeEnv: { dataDir } },
    ).done;
    expect(result.status).toBe('completed');
    const lines = readFileSync(path.join(dataDir, 'runs', 'r1', 'out.jsonl'), 'utf8')
      .trimEnd()
      .split('\n');
    expect(lines).toHaveLength(20_000);
    expect(lines.map((l) => (JSON.parse(l) as Item).id)).toEqual(Array.from({ length: 20_000 }, (_, i) => i));
    expect(result.totals).toMatchObject({ emitted: 20_000, delivered: 20_000, dropped: 0 });
  });

  it('stops at its size cap on a whole line and counts the rest as dropped (onFull stop)', async () => {
    const dataDir = tempDir();
    const result = await startRun(
      planOf(
        [
          ['src', 'generator', { rate: null, count: 1_000 }],
          ['out', 'file', { maxBytes: 5_000 }],
        ],
        [['src', 'out']],
      ),
      { runId: 'r2', nodeEnv: { dataDir } },
    ).done;
    const text = readFileSync(path.join(dataDir, 'runs', 'r2', 'out.jsonl'), 'utf8');
    expect(Buffer.byteLength(text)).toBeLessThanOrEqual(5_000);
    expect(text.endsWith('\n')).toBe(true);
    const kept = text
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as Item);
    expect(kept.length).toBeGreaterThan(50);
    expect(result.status).toBe('completed');
    expect(result.totals).toMatchObject({
      emitted: 1_000,
      delivered: kept.length,
      dropped: 1_000 - kept.length,
    });
  });

  it('the server cap applies when lower than the node’s; onFull fail fails the run naming the cap', async () => {
    const dataDir = tempDir();
    const result = await startRun(
      planOf(
        [
          ['src', 'generator', { rate: null, count: 1_000 }],
          ['out', 'file', { onFull: 'fail' }],
        ],
        [['src', 'out']],
      ),
      { runId: 'r3', nodeEnv: { dataDir, maxFileBytes: 2_000 } },
    ).done;
    expect(result.status).toBe('failed');
    expect(result.error?.message).toContain('size cap of 2000 bytes');
    expect(readFileSync(path.join(dataDir, 'runs', 'r3', 'out.jsonl')).length).toBeLessThanOrEqual(2_000);
  });
});

describe('browser sink in a graph', () => {
  it('takes nothing without credit (the queue upstream fills), exactly the credit granted, and completes', async () => {
    //   src(200 items) ──[cap 8]──▶ view(browser)
    const box = outbox();
    const frames: Array<{ depth: number }> = [];
    const run = startRun(
      planOf(
        [
          ['src', 'generator', { rate: null, count: 200 }],
          ['view', 'browser'],
        ],
        [['src', 'view', { capacity: 8 }]],
      ),
      {
        runId: 't',
        telemetryHz: 20,
        onNodeMessage: box.onNodeMessage,
        onFrame: (f) => frames.push(f.edges.e1!),
      },
    );
    await sleep(200);
    expect(box.items('view')).toHaveLength(0);
    expect(frames.at(-1)!.depth).toBe(8);

    run.toNode('view', { type: 'credit', n: 10 });
    await sleep(100);
    expect(box.items('view').map((i) => i.id)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);

    run.toNode('view', { type: 'credit', n: 185 });
    await sleep(100);
    expect(box.items('view')).toHaveLength(195);
    expect(run.status).toBe('running');

    run.toNode('view', { type: 'credit', n: 5 }); // exactly the rest: credit 0 when input ends
    const result = await run.done;
    expect(result.status).toBe('completed');
    expect(box.items('view').map((i) => i.id)).toEqual(Array.from({ length: 200 }, (_, i) => i));
    // Messages are bounded by the credit and the batch the edge holds (8 here; never over 100).
    expect(
      Math.max(...box.sent.view!.map((m) => (m.type === 'items' ? m.items.length : 0))),
    ).toBeLessThanOrEqual(10);
  });
});

describe('http-ingest source in a graph (worker side)', () => {
  it('hands every ingested item on in order and gives back exactly the credit it was given', async () => {
    //   (messages) ──▶ in(http-ingest, buffer 100) ──[cap 4]──▶ work(1 ms) ──▶ out
    const box = outbox();
    const got: Item[] = [];
    const run = startRun(
      planOf(
        [
          ['in', 'http-ingest', { bufferSize: 100 }],
          ['work', 'worker', { serviceTimeMs: 1 }],
          ['out', 'counter'],
        ],
        [
          ['in', 'work', { capacity: 4 }],
          ['work', 'out', { capacity: 4 }],
        ],
      ),
      { runId: 't', onNodeMessage: box.onNodeMessage, probe: (_, items) => got.push(...items) },
    );
    for (let k = 0; k < 3; k++) {
      run.toNode('in', { type: 'ingest', items: Array.from({ length: 30 }, (_, i) => ({ n: k * 30 + i })) });
    }
    await sleep(400);
    expect(got.map((i) => i.n)).toEqual(Array.from({ length: 90 }, (_, i) => i));
    const credit = box.sent.in!.reduce((s, m) => s + (m.type === 'ingest-credit' ? m.n : 0), 0);
    expect(credit).toBe(90);
    run.stop('drain');
    const result = await run.done;
    expect(result.status).toBe('completed');
    expect(result.totals).toMatchObject({ emitted: 90, delivered: 90 });
  });

  it('drain hands on what was already accepted, then ends', async () => {
    const got: Item[] = [];
    const run = startRun(
      planOf(
        [
          ['in', 'http-ingest'],
          ['work', 'worker', { serviceTimeMs: 2 }],
          ['out', 'counter'],
        ],
        [
          ['in', 'work', { capacity: 1 }],
          ['work', 'out'],
        ],
      ),
      { runId: 't', probe: (_, items) => got.push(...items) },
    );
    run.toNode('in', { type: 'ingest', items: Array.from({ length: 50 }, (_, i) => ({ n: i })) });
    run.stop('drain');
    const result = await run.done;
    expect(result.status).toBe('completed');
    expect(got).toHaveLength(50);
  });
});
