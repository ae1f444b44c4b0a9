import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { graphOf } from '../test-helpers/graph-of.js';
import { nodeEntry } from '../test-helpers/node-entry.js';

const exec = promisify(execFile);
const cli = (args: string[], env: Record<string, string | undefined>) =>
  exec(process.execPath, [...nodeEntry('server/cli.ts'), ...args], {
    cwd: process.cwd(),
    timeout: 30_000,
    env: { ...process.env, SLUICE_TAIL_DIR: undefined, ...env },
  }).then(
    (r) => ({ code: 0, ...r }),
    (e: { code: number; stdout: string; stderr: string }) => ({
      code: e.code,
      stdout: e.stdout,
      stderr: e.stderr,
    }),
  );

let dir = '';
afterEach(() => rm(dir, { recursive: true, force: true }));

//   logs/app.log ──▶ tail(file-tail, from start) ──▶ parse(parse-log) ──▶ out
describe('sluice run with connectors (CLI)', () => {
  it('follows a file under SLUICE_TAIL_DIR, as the server does; without it, says how to enable the kind', async () => {
    // ARRANGE
    dir = await mkdtemp(path.join(tmpdir(), 'sluice-cli-tail-'));
    await writeFile(path.join(dir, 'app.log'), '2024-01-01T00:00:00Z|INFO|a\n2024-01-01T00:00:01Z|WARN|b\n');
    const file = path.join(dir, 'graph.json');
    await writeFile(
      file,
      JSON.stringify(
        graphOf(
          [
            ['tail', 'file-tail', { path: 'app.log', from: 'start', pollMs: 20 }],
            ['parse', 'parse-log'],
            ['out', 'counter'],
          ],
          [
            ['tail', 'parse'],
            ['parse', 'out'],
          ],
        ),
      ),
    );

    // ACT
    const ok = await cli(['run', file, '--duration', '1', '--json'], { SLUICE_TAIL_DIR: dir });
    const off = await cli(['run', file, '--duration', '1', '--json'], {});

    // ASSERT
    expect(ok.code, ok.stderr).toBe(0);
    expect(JSON.parse(ok.stdout.trim().split('\n').at(-1)!).totals).toMatchObject({
      delivered: 2,
      errors: 0,
    });
    expect(off.code).toBe(1);
    expect(off.stderr).toContain('tail: file-tail is disabled: set SLUICE_TAIL_DIR to a directory');
  });
});
