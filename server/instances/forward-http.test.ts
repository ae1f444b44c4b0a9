import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type ForwardedHttp, instanceRpcSubject } from '../../shared/protocol/instances.js';
import { errorHandler } from '../http/api-error.js';
import { natsPerFile } from '../test-helpers/nats-per-file.js';
import { FORWARDED_HEADER, forwardRuns, replayHttp } from './forward-http.js';

/*
 * Forwarding on its own, over a real nats-server: a front app (the instance the browser reached)
 * and a coordinator app answering on its rpc subject through replayHttp. Every failure of the
 * coordinator is a clear status, never a 500 or a hang.
 */
const fx = natsPerFile();
const BIG = 3 * 1024 * 1024 + 17; // several NATS messages

let coordinator: Server;
let front: Server;
let frontUrl: string;
const gone: string[] = [];

function listen(app: express.Express): Promise<Server> {
  return new Promise((resolve) => {
    const s = createServer(app);
    s.listen(0, '127.0.0.1', () => resolve(s));
  });
}

beforeAll(async () => {
  // The coordinator's own app: what a replayed request reaches.
  const big = Buffer.alloc(BIG);
  for (let i = 0; i < BIG; i++) big[i] = i % 251;
  const back = express();
  back.get('/api/runs/r1/frames.csv', (_req, res) => {
    res.setHeader('Content-Type', 'text/csv');
    res.setHeader('Content-Disposition', 'attachment; filename="r1.csv"');
    res.setHeader('Set-Cookie', 'secret=1');
    res.end(big);
  });
  back.post('/api/runs/r1/echo', express.raw({ type: '*/*' }), (req, res) => {
    res.status(201).json({
      auth: req.headers.authorization ?? null,
      forwarded: req.headers[FORWARDED_HEADER] ?? null,
      cookie: req.headers.cookie ?? null,
      body: (req.body as Buffer).toString(),
    });
  });
  coordinator = await listen(back);
  const backUrl = `http://127.0.0.1:${(coordinator.address() as AddressInfo).port}`;
  fx.nc.subscribe(instanceRpcSubject('coord'), {
    callback: (_err, msg) => {
      void replayHttp(fx.nc, backUrl, msg.json<ForwardedHttp>()).then((r) => msg.respond(JSON.stringify(r)));
    },
  });
  // Its own HTTP server is gone (overloaded, shutting down): the replay cannot reach it.
  fx.nc.subscribe(instanceRpcSubject('closed'), {
    callback: (_err, msg) => {
      void replayHttp(fx.nc, 'http://127.0.0.1:1', msg.json<ForwardedHttp>()).then((r) =>
        msg.respond(JSON.stringify(r)),
      );
    },
  });
  // Answers with the error record an instance sends when handling the request threw.
  fx.nc.subscribe(instanceRpcSubject('broken'), {
    callback: (_err, msg) => {
      msg.respond(JSON.stringify({ ok: false, error: 'internal', message: 'boom' }));
    },
  });
  // Listens and never answers: a coordinator stuck or cut off.
  fx.nc.subscribe(instanceRpcSubject('stuck'), { callback: () => {} });
  await fx.nc.flush();

  const app = express();
  const where: Record<string, string> = { r1: 'coord', r2: 'stuck', r3: 'dead', r4: 'closed', r5: 'broken' };
  app.use(
    '/api',
    forwardRuns(
      fx.nc,
      {
        coordinatorOf: async (runId) => where[runId],
        coordinatorGone: async (runId, instance, why) => {
          gone.push(`${runId}@${instance}:${why}`);
          return `instance ${instance} (${why})`;
        },
      },
      { timeoutMs: 3_000 },
    ),
  );
  app.use('/api', (_req, res) => {
    res.status(404).json({ error: 'not_found', message: 'served here' });
  });
  app.use(errorHandler(() => {}));
  front = await listen(app);
  frontUrl = `http://127.0.0.1:${(front.address() as AddressInfo).port}`;
});

afterAll(() => {
  front?.close();
  coordinator?.close();
});

it('a download bigger than a NATS message comes back whole, with its headers and not the others', async () => {
  const res = await fetch(`${frontUrl}/api/runs/r1/frames.csv`);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe('text/csv');
  expect(res.headers.get('content-disposition')).toContain('r1.csv');
  expect(res.headers.get('set-cookie')).toBeNull();
  const body = Buffer.from(await res.arrayBuffer());
  expect(body.length).toBe(BIG);
  let ok = true;
  for (let i = 0; i < BIG; i++) if (body[i] !== i % 251) ok = false;
  expect(ok).toBe(true);
});

it('the body, status and the headers that matter reach the coordinator, marked forwarded; cookies do not', async () => {
  const res = await fetch(`${frontUrl}/api/runs/r1/echo?x=1`, {
    method: 'POST',
    headers: { authorization: 'Bearer tok', 'content-type': 'application/x-ndjson', cookie: 'sid=1' },
    body: '{"a":1}\n{"a":2}\n',
  });
  expect(res.status).toBe(201);
  expect(await res.json()).toEqual({
    auth: 'Bearer tok',
    forwarded: '1',
    cookie: null,
    body: '{"a":1}\n{"a":2}\n',
  });
});

it('a coordinator that does not answer: 503 coordinator_timeout with the reason; none listening: coordinator_gone', async () => {
  const stuck = await fetch(`${frontUrl}/api/runs/r2`);
  expect(stuck.status).toBe(503);
  expect(await stuck.json()).toEqual({ error: 'coordinator_timeout', message: 'instance stuck (timeout)' });
  expect(stuck.headers.get('retry-after')).toBe('5');
  const dead = await fetch(`${frontUrl}/api/runs/r3/stop`, { method: 'POST' });
  expect(dead.status).toBe(503);
  expect(await dead.json()).toEqual({ error: 'coordinator_gone', message: 'instance dead (no_responders)' });
  expect(gone).toEqual(['r2@stuck:timeout', 'r3@dead:no_responders']);
});

it('a coordinator that cannot replay the request, or answers an error record: 503 coordinator_unavailable, never a 500', async () => {
  const closed = await fetch(`${frontUrl}/api/runs/r4/stop`, { method: 'POST' });
  expect(closed.status).toBe(503);
  expect(await closed.json()).toMatchObject({ error: 'coordinator_unavailable' });
  const broken = await fetch(`${frontUrl}/api/runs/r5/stop`, { method: 'POST' });
  expect(broken.status).toBe(503);
  const body = (await broken.json()) as { error: string; message: string };
  expect(body.error).toBe('coordinator_unavailable');
  expect(body.message).toContain('r5');
  expect(body.message).toContain('boom');
  expect(broken.headers.get('retry-after')).toBe('5');
});

it('runs of no other instance, other paths, and requests already forwarded are served here', async () => {
  for (const url of ['/api/runs/mine', '/api/graphs/r1', '/api/runs']) {
    const res = await fetch(`${frontUrl}${url}`);
    expect(await res.json()).toMatchObject({ message: 'served here' });
  }
  const looped = await fetch(`${frontUrl}/api/runs/r1/frames.csv`, { headers: { [FORWARDED_HEADER]: '1' } });
  expect(await looped.json()).toMatchObject({ message: 'served here' });
  // A replay refuses anything outside the API.
  const reply = await replayHttp(fx.nc, 'http://127.0.0.1:1', {
    op: 'http',
    method: 'GET',
    url: '/etc/passwd',
    headers: {},
    more: '_INBOX.x',
  });
  expect(reply.status).toBe(400);
});
