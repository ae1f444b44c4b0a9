import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { Item } from '../node-behavior.js';
import { startRun } from '../start-run.js';
import { planOf } from '../test-graphs.js';

/**
 * A webhook on 127.0.0.1 that misbehaves on purpose, by item id:
 * - id % 5 == 0: always 500 (these must end up dead-lettered, and only these);
 * - id % 7 == 1: 500 on the first attempt only (a retry succeeds);
 * - id % 11 == 3: the first attempt answers after 400 ms (past the timeout; a retry succeeds);
 * - everything else: 204 after 5–15 ms.
 * It records every attempt, what it accepted, and the most requests it ever had in flight.
 */
async function flakyWebhook() {
  const attempts = new Map<number, number>();
  const accepted: unknown[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const server: Server = createServer((req, res) => {
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Item | Item[];
      const first = (Array.isArray(body) ? body[0]! : body).id as number;
      const attempt = (attempts.get(first) ?? 0) + 1;
      attempts.set(first, attempt);
      const answer = (status: number, ms: number) =>
        setTimeout(() => {
          if (status < 300) accepted.push(body);
          res.writeHead(status).end(status < 300 ? '' : 'nope');
        }, ms);
      res.on('close', () => inFlight--);
      if (first % 5 === 0) return answer(500, 1);
      if (first % 7 === 1 && attempt === 1) return answer(500, 1);
      if (first % 11 === 3 && attempt === 1) return answer(204, 400);
      answer(204, 5 + (first % 3) * 5);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    attempts,
    accepted,
    get maxInFlight() {
      return maxInFlight;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const servers: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.close();
});

describe('http-post sink in a graph', () => {
  it('retries failures with backoff, dead-letters exactly the permanent ones, keeps to its concurrency', async () => {
    //   src(60 items) ──▶ post(retry ×3, concurrency 3, timeout 150 ms) ─error─▶ dead(counter)
    const hook = await flakyWebhook();
    servers.push(hook);
    const dead: Item[] = [];
    const result = await startRun(
      planOf(
        [
          ['src', 'generator', { rate: null, count: 60 }],
          [
            'post',
            'http-post',
            {
              url: hook.url,
              concurrency: 3,
              timeoutMs: 150,
              errorPolicy: 'retry',
              retry: { attempts: 3, baseMs: 5, maxMs: 50 },
            },
          ],
          ['dead', 'counter'],
        ],
        [
          ['src', 'post'],
          ['post', 'dead', { sourcePort: 'error' }],
        ],
      ),
      { runId: 't', probe: (nodeId, items) => nodeId === 'dead' && dead.push(...items) },
    ).done;
    expect(result.status).toBe('completed');
    const permanent = Array.from({ length: 60 }, (_, i) => i).filter((i) => i % 5 === 0);
    expect(dead.map((i) => i.id).sort((a, b) => (a as number) - (b as number))).toEqual(permanent);
    // Every permanent failure was tried `attempts` times; transient ones twice; the rest once.
    for (const id of permanent) expect(hook.attempts.get(id)).toBe(3);
    expect(hook.attempts.get(1)).toBe(2); // 500 once
    expect(hook.attempts.get(3)).toBe(2); // timed out once
    expect(hook.attempts.get(2)).toBe(1);
    // Every other item got through (a timed-out attempt may land as well: at-least-once).
    const through = new Set(hook.accepted.map((b) => (b as Item).id));
    expect(through.size).toBe(60 - permanent.length);
    expect(hook.maxInFlight).toBeLessThanOrEqual(3);
    expect(hook.maxInFlight).toBeGreaterThanOrEqual(2);
    expect(result.totals).toMatchObject({ emitted: 60, errors: permanent.length });
    // Posted items and dead letters are each delivered once.
    expect(result.totals.delivered).toBe(60);
  });

  it('posts arrays of batchSize items and, with policy skip, counts failed batches and goes on', async () => {
    const hook = await flakyWebhook();
    servers.push(hook);
    const result = await startRun(
      planOf(
        [
          ['src', 'generator', { rate: null, count: 40 }],
          ['post', 'http-post', { url: hook.url, batchSize: 4, concurrency: 1, errorPolicy: 'skip' }],
        ],
        [['src', 'post']],
      ),
      { runId: 't' },
    ).done;
    expect(result.status).toBe('completed');
    // Batches start at ids 0, 4, 8, …: those starting at a multiple of 5 (0, 20) fail for good,
    // 8 and 36 (% 7 == 1) fail once and are skipped (no retry with `skip`).
    const firsts = hook.accepted.map((b) => (b as Item[])[0]!.id as number);
    expect(hook.accepted.every((b) => Array.isArray(b) && b.length === 4)).toBe(true);
    expect(firsts.sort((a, b) => a - b)).toEqual([4, 12, 16, 24, 28, 32]);
    expect(result.totals.errors).toBe(16);
  });

  it('fail policy: a connection refused fails the run with the reason', async () => {
    const hook = await flakyWebhook();
    const url = hook.url;
    await hook.close(); // nothing listens there any more
    const result = await startRun(
      planOf(
        [
          ['src', 'generator', { rate: null, count: 5 }],
          ['post', 'http-post', { url }],
        ],
        [['src', 'post']],
      ),
      { runId: 't' },
    ).done;
    expect(result.status).toBe('failed');
    expect(result.error?.message).toMatch(/post: .*ECONNREFUSED/);
  });

  it('refuses to connect where the egress policy does not allow, even to a name that resolves to loopback', async () => {
    const hook = await flakyWebhook();
    servers.push(hook);
    const port = new URL(hook.url).port;
    const result = await startRun(
      planOf(
        [
          ['src', 'generator', { rate: null, count: 3 }],
          ['post', 'http-post', { url: `http://localhost:${port}/hook` }],
        ],
        [['src', 'post']],
      ),
      { runId: 't', nodeEnv: { httpPostAllow: ['hooks.example.org'] } },
    ).done;
    expect(result.status).toBe('failed');
    expect(result.error?.message).toContain('SLUICE_HTTP_POST_ALLOW');
    expect(hook.attempts.size).toBe(0);
  });
});
