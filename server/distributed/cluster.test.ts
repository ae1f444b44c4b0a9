import { connect } from '@nats-io/transport-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClusterResponse } from '../../shared/protocol/api.js';
import { HEARTBEAT_SUBJECT, type RunnerHeartbeat } from '../../shared/protocol/cluster.js';
import { natsUrlFromEnv } from '../config.js';
import { startNats, type TestNats } from '../test-helpers/nats-server.js';
import { startTestApp, type TestApp } from '../test-helpers/start-app.js';
import { connectCluster } from './cluster.js';

let nats: TestNats;
beforeAll(async () => {
  nats = await startNats();
});
afterAll(() => nats?.stop());

async function until<T>(read: () => Promise<T>, ok: (v: T) => boolean): Promise<T> {
  for (let i = 0; ; i++) {
    const v = await read();
    if (ok(v) || i > 200) return v;
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('the server in distributed mode', () => {
  it('lists runners from heartbeats on a real NATS server in GET /api/cluster and /metrics', async () => {
    const cluster = await connectCluster(nats.url, { name: 'test-server' });
    let app: TestApp | undefined;
    const nc = await connect({ servers: nats.url });
    try {
      app = await startTestApp({}, { cluster });
      const hb: RunnerHeartbeat = {
        id: 'runner-x',
        host: 'box-b',
        slots: 3,
        parts: ['r1/main'],
        startedAt: Date.now(),
        at: Date.now(),
        version: '0.1.0',
      };
      nc.publish(HEARTBEAT_SUBJECT, 'garbage');
      nc.publish(HEARTBEAT_SUBJECT, JSON.stringify(hb));
      await nc.flush();
      const body = await until(
        async () => (await (await fetch(`${app!.url}/api/cluster`)).json()) as ClusterResponse,
        (b) => b.runners.length > 0,
      );
      expect(body.mode).toBe('nats');
      expect(body.runners).toEqual([
        expect.objectContaining({
          id: 'runner-x',
          host: 'box-b',
          slots: 3,
          slotsInUse: 1,
          parts: ['r1/main'],
        }),
      ]);
      expect(body.runners[0]!.heartbeatAgeMs).toBeGreaterThanOrEqual(0);
      expect(cluster.registry.invalidHeartbeats).toBe(1);

      const metrics = await (await fetch(`${app.url}/metrics`)).text();
      expect(metrics).toContain('sluice_runner_slots{runner="runner-x",host="box-b"} 3');
      expect(metrics).toContain('sluice_runner_slots_in_use{runner="runner-x",host="box-b"} 1');
      expect(metrics).toContain('sluice_runner_up{runner="runner-x",host="box-b"} 1');
      expect(metrics).toContain('sluice_runner_heartbeats_invalid_total 1');
      expect(metrics).toMatch(
        /sluice_runner_heartbeat_age_seconds\{runner="runner-x",host="box-b"\} [0-9.e-]+\n/,
      );
    } finally {
      await nc.close();
      await app?.close();
      await cluster.close();
    }
    expect(cluster.nc.isClosed()).toBe(true);
  });

  it('without NATS the cluster is embedded and lists no runners', async () => {
    const app = await startTestApp();
    try {
      const res = await fetch(`${app.url}/api/cluster`);
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ mode: 'embedded', runners: [] });
      expect(await (await fetch(`${app.url}/metrics`)).text()).not.toContain('sluice_runner_');
    } finally {
      await app.close();
    }
  });

  it('a NATS server that cannot be reached at start is an error naming SLUICE_NATS_URL, without the password', async () => {
    // A port nothing listens on: the stopped server's would do, but a fresh probe is surer.
    const err = await connectCluster('nats://me:hunter2@127.0.0.1:1', { name: 't' }).catch((e: Error) => e);
    expect(err).toBeInstanceOf(Error);
    expect((err as Error).message).toMatch(
      /^SLUICE_NATS_URL: cannot connect to NATS at nats:\/\/me:\*\*\*@127\.0\.0\.1:1/,
    );
    expect((err as Error).message).not.toContain('hunter2');
  });

  it('SLUICE_NATS_URL takes nats:// and tls:// URLs (comma-separated) and refuses anything else', () => {
    expect(natsUrlFromEnv({})).toBeUndefined();
    expect(natsUrlFromEnv({ SLUICE_NATS_URL: ' ' })).toBeUndefined();
    expect(natsUrlFromEnv({ SLUICE_NATS_URL: 'nats://127.0.0.1:4222' })).toBe('nats://127.0.0.1:4222');
    expect(natsUrlFromEnv({ SLUICE_NATS_URL: 'nats://a:4222, tls://b.example:4443' })).toBe(
      'nats://a:4222,tls://b.example:4443',
    );
    for (const bad of ['127.0.0.1:4222', 'http://a:4222', 'nats://', 'nats://a:4222,ftp://b'])
      expect(() => natsUrlFromEnv({ SLUICE_NATS_URL: bad }), bad).toThrow(/^SLUICE_NATS_URL: .*nats:\/\//);
  });
});
