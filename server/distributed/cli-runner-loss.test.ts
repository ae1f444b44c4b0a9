import { spawn } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nodeEntry } from '../test-helpers/node-entry.js';
import { distributedGraph, startTestCluster, type TestCluster, until } from './test-cluster.js';

/*
 * `sluice run --nats` when a runner dies: the CLI is the coordinator, so it is the one to say a
 * part was started again elsewhere (the server says it on the run console). It printed nothing.
 *
 *   [main: gen(N) ─▶ out]  ◀──▶  work ×2 on runners a and b; b (a replica only) is SIGKILLed
 */
let c: TestCluster;
beforeAll(async () => {
  c = await startTestCluster(['a', 'b'], 4);
}, 120_000);
afterAll(async () => {
  await c?.close();
});

describe('sluice run --nats, a runner lost', () => {
  it('says on stderr which part started again where, and completes', async () => {
    const graph = distributedGraph(
      [
        ['gen', 'generator', { rate: 200, count: 1200 }],
        ['work', 'worker', { serviceTimeMs: 10 }],
        ['out', 'counter'],
      ],
      [
        ['gen', 'work'],
        ['work', 'out'],
      ],
      { work: { replicas: 2 } },
    );
    const file = path.join(await mkdtemp(path.join(tmpdir(), 'sluice-cli-loss-')), 'g.json');
    await writeFile(file, JSON.stringify(graph));
    const child = spawn(
      process.execPath,
      [...nodeEntry('server/cli.ts'), 'run', file, '--nats', c.nats.url],
      {
        cwd: process.cwd(),
      },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += String(d);
    });
    child.stderr.on('data', (d) => {
      stderr += String(d);
    });
    const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
    // ARRANGE: both replicas placed, items flowing
    const holder = await until(
      () => c.cluster.registry.alive(),
      (rs) => rs.some((r) => r.parts.some((p) => p.endsWith('/main'))) && /done [1-9]/.test(stdout),
      'the run to flow',
      90_000,
    );
    const victim = holder.find((r) => !r.parts.some((p) => p.endsWith('/main')))!;
    expect(victim.parts.some((p) => p.includes('/work#'))).toBe(true);

    // ACT
    await c.runners.find((r) => r.id === victim.id)!.stop('SIGKILL');

    // ASSERT
    expect(await exited).toBe(0);
    const survivor = holder.find((r) => r.id !== victim.id)!.id;
    expect(stderr).toMatch(
      new RegExp(
        `^work: part "work#[01]": runner ${victim.id} was lost; started again on runner ${survivor}$`,
        'm',
      ),
    );
    expect(stdout).toMatch(/^completed after .*delivered 1200/m);
  }, 240_000);
});
