import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { graphOf } from './test-helpers/graph-of.js';
import { sendJson, startTestApp, type TestApp } from './test-helpers/start-app.js';

/*
 * The connectors' untrusted settings are refused when a run starts, through the real app, with a
 * 400 that names the node and the field — never a run that starts and then reaches somewhere.
 */

let app: TestApp | undefined;
const dirs: string[] = [];
afterEach(async () => {
  await app?.close();
  app = undefined;
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const start = (graph: unknown) => sendJson('POST', `${app!.url}/api/runs`, { graph });

describe('nats-in / nats-out URLs at run start', () => {
  it('refuses an address outside SLUICE_NATS_ALLOW (loopback by default), naming node and field', async () => {
    app = await startTestApp();
    const res = await start(
      graphOf(
        [
          ['src', 'generator', { count: 1 }],
          ['pub', 'nats-out', { url: 'nats://169.254.169.254:4222' }],
          ['in', 'nats-in', { url: 'nats://10.0.0.7' }],
          ['out', 'counter'],
        ],
        [
          ['src', 'pub'],
          ['in', 'out'],
        ],
      ),
    );
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ error: 'egress_forbidden' });
    const issues = res.body.issues as Array<{ path: string }>;
    expect(issues.sort((a, b) => a.path.localeCompare(b.path))).toEqual([
      expect.objectContaining({
        nodeId: 'pub',
        path: 'nodes.1.params.url',
        message: expect.stringContaining('SLUICE_NATS_ALLOW'),
      }),
      expect.objectContaining({ nodeId: 'in', path: 'nodes.2.params.url' }),
    ]);
  });

  it('refuses URLs that are not nats:// or carry a password, and jetstream mode without a stream', async () => {
    app = await startTestApp();
    for (const url of ['http://127.0.0.1:4222', 'nats://me:secret@127.0.0.1:4222']) {
      const res = await start(
        graphOf(
          [
            ['in', 'nats-in', { url }],
            ['out', 'counter'],
          ],
          [['in', 'out']],
        ),
      );
      expect(res.status, url).toBe(400);
      expect(res.body, url).toMatchObject({ error: 'compile_failed' });
      expect(res.body.issues, url).toEqual([expect.objectContaining({ path: 'nodes.0.params.url' })]);
    }
    const res = await start(
      graphOf(
        [
          ['in', 'nats-in', { mode: 'jetstream' }],
          ['out', 'counter'],
        ],
        [['in', 'out']],
      ),
    );
    expect(res.status).toBe(400);
    expect(res.body.issues).toEqual([
      expect.objectContaining({
        nodeId: 'in',
        path: 'nodes.0.params.stream',
        message: expect.stringMatching(/stream/),
      }),
    ]);
  });

  it('lets SLUICE_NATS_ALLOW widen it: the run starts, and an unreachable server fails it, not the server', async () => {
    app = await startTestApp({}, { natsAllow: ['loopback', '10.0.0.0/8'] });
    const res = await start(
      graphOf(
        [
          ['in', 'nats-in', { url: 'nats://127.0.0.1:1' }],
          ['out', 'counter'],
        ],
        [['in', 'out']],
      ),
    );
    expect(res.status).toBe(201);
    const run = await app.runs.get(res.body.runId as string)!.done;
    expect(run.status).toBe('failed');
    expect(run.error?.message).toMatch(/^in: cannot connect to nats:\/\/127\.0\.0\.1:1/);
    expect((await fetch(`${app.url}/api/health`)).status).toBe(200);
  });
});

describe('file-tail paths at run start', () => {
  it('without SLUICE_TAIL_DIR the kind is disabled, with a message that says how to enable it', async () => {
    app = await startTestApp();
    const res = await start(
      graphOf(
        [
          ['tail', 'file-tail', { path: 'app.log' }],
          ['out', 'counter'],
        ],
        [['tail', 'out']],
      ),
    );
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({
      error: 'compile_failed',
      message: 'file-tail is disabled: set SLUICE_TAIL_DIR to a directory',
    });
    expect(res.body.issues).toEqual([
      expect.objectContaining({ nodeId: 'tail', path: 'nodes.0.params.path' }),
    ]);
  });

  it('refuses paths that lead outside it (.., absolute, a symlink), and starts on one inside', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'sluice-tail-api-'));
    dirs.push(root);
    const logs = path.join(root, 'logs');
    mkdirSync(logs);
    writeFileSync(path.join(root, 'secret.txt'), 'no\n');
    writeFileSync(path.join(logs, 'app.log'), 'yes\n');
    symlinkSync(path.join(root, 'secret.txt'), path.join(logs, 'link.log'));
    app = await startTestApp({}, { tailDir: logs });
    for (const bad of [
      '../secret.txt',
      path.join(root, 'secret.txt'),
      'link.log',
      '/etc/passwd',
      '../logs/../x',
    ]) {
      const res = await start(
        graphOf(
          [
            ['tail', 'file-tail', { path: bad }],
            ['out', 'counter'],
          ],
          [['tail', 'out']],
        ),
      );
      expect(res.status, bad).toBe(400);
      expect(res.body.issues, bad).toEqual([
        expect.objectContaining({
          nodeId: 'tail',
          path: 'nodes.0.params.path',
          message: expect.stringContaining('outside SLUICE_TAIL_DIR'),
        }),
      ]);
    }
    for (const good of ['app.log', path.join(logs, 'app.log'), 'not-yet.log']) {
      const res = await start(
        graphOf(
          [
            ['tail', 'file-tail', { path: good }],
            ['out', 'counter'],
          ],
          [['tail', 'out']],
        ),
      );
      expect(res.status, good).toBe(201);
      await sendJson(
        'POST',
        `${app.url}/api/runs/${res.body.runId}/stop`,
        { mode: 'abort' },
        {
          authorization: `Bearer ${res.body.runToken}`,
        },
      );
      expect((await app.runs.get(res.body.runId as string)!.done).status).toBe('stopped');
    }
  });
});
