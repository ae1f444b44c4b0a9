import {
  appendFileSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readlinkSync,
  renameSync,
  rmSync,
  symlinkSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { until } from '../../test-helpers/until.js';
import type { Item } from '../node-behavior.js';
import { startRun } from '../start-run.js';
import { planOf } from '../test-graphs.js';

let dir = '';
let extra = '';
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
  if (extra) rmSync(extra, { recursive: true, force: true });
  extra = '';
});

const lines = (from: number, to: number) =>
  Array.from({ length: to - from }, (_, i) => `line-${String(from + i).padStart(5, '0')}\n`).join('');

/** Files this process has open right now (the tail's file descriptor shows up here). */
const openFiles = () =>
  readdirSync('/proc/self/fd').flatMap((fd) => {
    try {
      return [readlinkSync(`/proc/self/fd/${fd}`)];
    } catch {
      return [];
    }
  });

function tail(params: Record<string, unknown>, downstream: 'direct' | 'slow' = 'direct') {
  const got: Item[] = [];
  const nodes: Array<[string, string, Record<string, unknown>?]> = [
    ['tail', 'file-tail', { pollMs: 10, ...params }],
  ];
  if (downstream === 'slow') nodes.push(['work', 'worker', { serviceTimeMs: 1 }]);
  nodes.push(['out', 'counter']);
  const edges: Array<[string, string, Record<string, unknown>?]> =
    downstream === 'slow'
      ? [
          ['tail', 'work', { capacity: 4 }],
          ['work', 'out', { capacity: 4 }],
        ]
      : [['tail', 'out']];
  const run = startRun(planOf(nodes, edges), {
    runId: 'tail',
    nodeEnv: { tailDir: dir },
    probe: (id, items) => {
      if (id === 'out') got.push(...items);
    },
  });
  return { run, got, texts: () => got.map((i) => i.line) };
}

describe('file-tail', () => {
  //   app.log ──▶ tail(from start) ──▶ out
  it('follows appends, a rename with a new file (and late writes to the old one), truncation and a partial last line: every line once, in order', async () => {
    // ARRANGE
    dir = mkdtempSync(path.join(tmpdir(), 'sluice-tail-'));
    const file = path.join(dir, 'app.log');
    writeFileSync(file, lines(0, 100));
    const { run, got, texts } = tail({ path: 'app.log', from: 'start' });
    await until(
      () => got.length,
      (n) => n === 100,
      'the lines already there',
    );

    // ACT 1: append, then rotate by rename while the writer still appends to the old file.
    appendFileSync(file, lines(100, 200));
    renameSync(file, `${file}.1`);
    appendFileSync(`${file}.1`, lines(200, 210));
    writeFileSync(file, lines(210, 300));
    await until(
      () => got.length,
      (n) => n >= 300,
      'the rotated lines',
    );

    // ACT 2: truncate and write less than was there.
    truncateSync(file, 0);
    appendFileSync(file, lines(300, 310));
    await until(
      () => got.length,
      (n) => n >= 310,
      'the lines after truncation',
    );

    // ACT 3: a last line without its newline, then rotation.
    appendFileSync(file, 'line-00310');
    renameSync(file, `${file}.2`);
    writeFileSync(file, lines(311, 320));
    await until(
      () => got.length,
      (n) => n >= 320,
      'the last lines',
    );
    run.stop('drain');
    const result = await run.done;

    // ASSERT
    expect(texts()).toEqual(lines(0, 320).trimEnd().split('\n'));
    expect(typeof got[0]!.ts).toBe('number');
    expect(result).toMatchObject({
      status: 'completed',
      totals: { emitted: 320, delivered: 320, errors: 0 },
    });
    expect(openFiles().filter((f) => f.startsWith(dir))).toEqual([]);
  });

  it('from end skips what the file held; over-long lines are errors; CRLF is one line break', async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'sluice-tail-'));
    const file = path.join(dir, 'app.log');
    writeFileSync(file, 'before\n');
    const { run, texts } = tail({ path: 'app.log', maxLineBytes: 64 });
    // Ready once a line written now is seen (it opens the file at its end at some point after start).
    await until(
      () => {
        appendFileSync(file, 'ready\n');
        return texts();
      },
      (t) => t.length > 0,
      'the tail to be following',
    );
    appendFileSync(file, `a\r\n${'x'.repeat(100)}\nb\n${'y'.repeat(200)}`);
    appendFileSync(file, 'y\nc\n');
    await until(texts, (t) => t.at(-1) === 'c', 'the lines');
    run.stop('drain');
    const result = await run.done;
    const mine = texts().filter((t) => t !== 'ready');
    expect(mine).toEqual(['a', 'b', 'c']);
    expect(result.totals).toMatchObject({ delivered: texts().length, errors: 2 });
  });

  it('from end: a file created after the start is read from its start', async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'sluice-tail-'));
    const { run, texts } = tail({ path: 'later.log' });
    await until(
      () => run.status,
      (s) => s === 'running',
      'the run to start',
    );
    writeFileSync(path.join(dir, 'later.log'), 'first\nsecond\n');
    await until(texts, (t) => t.length >= 2, 'the lines');
    run.stop('drain');
    await run.done;
    expect(texts()).toEqual(['first', 'second']);
  });

  it('from end: what the start saw decides, not the first read — a file created or written before the first read is not skipped', async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'sluice-tail-'));
    writeFileSync(path.join(dir, 'grows.log'), 'old\n');
    const made = tail({ path: 'new.log' });
    const grown = tail({ path: 'grows.log' });
    // Before either node has read anything (following starts on the executor's first read).
    writeFileSync(path.join(dir, 'new.log'), 'first\nsecond\n');
    appendFileSync(path.join(dir, 'grows.log'), 'appended\n');
    await until(made.texts, (t) => t.length >= 2, 'the lines of the new file');
    await until(grown.texts, (t) => t.length >= 1, 'the appended line');
    made.run.stop('drain');
    grown.run.stop('drain');
    await Promise.all([made.run.done, grown.run.done]);
    expect(made.texts()).toEqual(['first', 'second']);
    expect(grown.texts()).toEqual(['appended']);
  });

  //   big.log (3,000 lines) ──▶ tail ──(4)──▶ work(1 ms) ──(4)──▶ out
  it('behind a slow graph every line arrives once, in order, with little in flight (the closed loop itself: tail-follow.test)', async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'sluice-tail-'));
    writeFileSync(path.join(dir, 'big.log'), lines(0, 3_000));
    const { run, got } = tail({ path: 'big.log', from: 'start' }, 'slow');
    await until(
      () => got.length,
      (n) => n >= 50,
      'the first lines',
    );
    // Taken from the node's buffer but not delivered: the queues, the worker's item and one batch.
    const taken = run.totals().emitted;
    expect(taken - got.length).toBeLessThanOrEqual(4 + 1 + 4 + 256);
    await until(
      () => got.length,
      (n) => n >= 3_000,
      'every line',
      60_000,
    );
    run.stop('drain');
    await run.done;
    expect(got.map((i) => i.line)).toEqual(lines(0, 3_000).trimEnd().split('\n'));
  });

  it('a symlink swapped in by a rotation cannot lead out of SLUICE_TAIL_DIR: the run fails saying so', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'sluice-tail-'));
    extra = root;
    dir = path.join(root, 'logs');
    mkdirSync(dir);
    writeFileSync(path.join(root, 'secret'), 'password\n');
    const file = path.join(dir, 'app.log');
    writeFileSync(file, 'one\n');
    const { run, texts } = tail({ path: 'app.log', from: 'start' });
    await until(texts, (t) => t.length === 1, 'the first line');
    renameSync(file, `${file}.1`);
    symlinkSync(path.join(root, 'secret'), file);
    const result = await run.done;
    expect(result.status).toBe('failed');
    expect(result.error?.message).toBe(
      'tail: "app.log" is outside SLUICE_TAIL_DIR: file-tail reads only there',
    );
    expect(texts()).toEqual(['one']);
  });
});
