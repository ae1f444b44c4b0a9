import { execFile } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { nodeEntry } from '../test-helpers/node-entry.js';

const exec = promisify(execFile);
const cli = (args: string[]) =>
  exec(process.execPath, [...nodeEntry('server/cli.ts'), ...args], {
    cwd: process.cwd(),
    timeout: 30_000,
  }).then(
    (r) => ({ code: 0, ...r }),
    (e: { code: number; stdout: string; stderr: string }) => ({
      code: e.code,
      stdout: e.stdout,
      stderr: e.stderr,
    }),
  );

describe('sluice run (CLI)', () => {
  it('runs a graph for --duration, drains it, and prints totals as JSON', async () => {
    const r = await cli(['run', 'examples/slow-consumer.json', '--duration', '1.5', '--json']);
    expect(r.code).toBe(0);
    const summary = JSON.parse(r.stdout.trim().split('\n').at(-1)!);
    expect(summary.status).toBe('completed');
    expect(summary.totals.delivered).toBe(summary.totals.emitted);
    // The worker's 500/s sets the pace: ~750 in 1.5 s, not the source's 3,000.
    expect(summary.totals.delivered).toBeGreaterThan(500);
    expect(summary.totals.delivered).toBeLessThan(1100);
    expect(summary.nodes.work.busy).toBeGreaterThan(0.9);
    // Each node's counts are the run's last, as the totals are: not those of a frame before the drain.
    expect(summary.nodes.src.processed).toBe(summary.totals.emitted);
    expect(summary.nodes.work.processed).toBe(summary.totals.delivered);
    expect(summary.nodes.out.processed).toBe(summary.totals.delivered);
    // The same judgement as the browser's banner, and ρ per serving node (none for the source).
    expect(summary.bottleneck.nodeId).toBe('work');
    expect(summary.bottleneck.sentence).toMatch(
      /^work is the bottleneck: [\d,.k]+ items\/s offered × [\d.]+ ms ÷ 1 lane = [\d.]+ × what it can serve; /,
    );
    expect(summary.utilization.work).toBeGreaterThan(2);
    expect(summary.utilization.src).toBeUndefined();
  });

  it('names labelled nodes by label and id in the bottleneck sentence and the progress lines; keys stay ids', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'sluice-cli-'));
    const file = path.join(dir, 'labelled.json');
    const graph = JSON.parse(await readFile('examples/slow-consumer.json', 'utf8'));
    graph.nodes[1].label = 'Slow DB';
    await writeFile(file, JSON.stringify(graph));
    const json = await cli(['run', file, '--duration', '1.5', '--json']);
    expect(json.code).toBe(0);
    const summary = JSON.parse(json.stdout.trim().split('\n').at(-1)!);
    expect(summary.bottleneck.nodeId).toBe('work');
    expect(summary.bottleneck.sentence).toMatch(/^Slow DB \(work\) is the bottleneck: /);
    expect(summary.labels).toEqual({ work: 'Slow DB' });
    expect(summary.nodes.work.busy).toBeGreaterThan(0.9);
    const human = await cli(['run', file, '--duration', '1.5']);
    expect(human.stdout).toMatch(/^\s+Slow DB \(work\)\s+in\s+\S+\/s/m);
  });

  it('shows a live progress block per second: every node and edge, with rates and queue depth', async () => {
    const r = await cli(['run', 'examples/slow-consumer.json', '--duration', '2.5']);
    expect(r.code).toBe(0);
    const blocks = r.stdout.split(/^t=/m).slice(1);
    // At least two blocks while it ran (not a TTY: a block a second, not redrawn), then the summary.
    expect(blocks.length).toBeGreaterThanOrEqual(2);
    const last = blocks.at(-1)!;
    expect(last).toMatch(/^\s+work\s+in\s+\S+\/s\s+out\s+\S+\/s\s+\[[█▒·]{10}\] busy\s+\d+%/m);
    // The worker's input queue is full in the slow-consumer graph: depth/capacity is shown.
    expect(r.stdout).toMatch(/queue\s+(6[0-4])\/64/);
    expect(r.stdout.trim().split('\n').at(-1)).toMatch(
      /^completed after [\d.]+s: emitted \d+, delivered \d+, dropped 0, rejected 0, dead-lettered 0, skipped 0, errors 0$/,
    );
  });

  it('names every loss in the final totals: an open-loop source’s rejections are not lost from view', async () => {
    //   src(2000/s, open) ──[cap 8]──▶ work(2 ms = 500/s) ──▶ out
    const dir = await mkdtemp(path.join(tmpdir(), 'sluice-cli-'));
    const file = path.join(dir, 'open.json');
    await writeFile(
      file,
      JSON.stringify({
        schemaVersion: 1,
        name: 'open loop',
        nodes: [
          { id: 'src', kind: 'generator', params: { rate: 2000, loop: 'open' } },
          { id: 'work', kind: 'worker', params: { serviceTimeMs: 2 } },
          { id: 'out', kind: 'counter', params: {} },
        ],
        edges: [
          { id: 'e1', source: 'src', target: 'work', capacity: 8 },
          { id: 'e2', source: 'work', target: 'out' },
        ],
      }),
    );
    const r = await cli(['run', file, '--duration', '1', '--json']);
    expect(r.code).toBe(0);
    const { totals } = JSON.parse(r.stdout.trim().split('\n').at(-1)!);
    expect(totals.rejected).toBeGreaterThan(500);
    expect(totals).toMatchObject({ dropped: 0, deadLettered: 0, skipped: 0 });
    expect(totals.delivered + totals.rejected).toBe(totals.emitted);
  });

  it('exits 2 and names node and field when the graph does not compile', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'sluice-cli-'));
    const file = path.join(dir, 'bad.json');
    await writeFile(
      file,
      JSON.stringify({ schemaVersion: 1, nodes: [{ id: 'g', kind: 'generator', params: { rate: -1 } }] }),
    );
    const r = await cli(['run', file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('node g (nodes.0.params.rate)');
  });
});
