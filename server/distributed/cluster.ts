import { type JetStreamClient, type JetStreamManager, jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import type { Clock } from '../runtime/clock.js';
import { RunnerRegistry } from './runner-registry.js';

/** The server's one NATS connection in distributed mode, and what it knows of the runners. */
export interface Cluster {
  nc: NatsConnection;
  js: JetStreamClient;
  jsm: JetStreamManager;
  registry: RunnerRegistry;
  /** Stops listening to runners and closes the connection (pending publishes are flushed). */
  close(): Promise<void>;
}

export interface ClusterOptions {
  /** Connection name, shown by `nats-server` monitoring (e.g. `sluice-server@host`). */
  name: string;
  /** Registry time (heartbeat ages, death); tests inject a fake one. */
  clock?: Clock;
  /** Which variable the URL came from, for error messages. */
  source?: string;
}

/** `nats://user:secret@host` → `nats://user:***@host`: URLs end up in logs and errors. */
export function redactUrl(url: string): string {
  return url.replace(/\/\/([^:@/]*):[^@/]*@/g, '//$1:***@');
}

/**
 * Connects to NATS (comma-separated seed URLs). At start a server that cannot be reached, or
 * has no JetStream, is an error naming the variable; once connected, the client reconnects
 * by itself for as long as it takes (runs on runners keep going meanwhile).
 *
 * @example
 * const cluster = await connectCluster(process.env.SLUICE_NATS_URL!, { name: 'sluice-server' });
 * cluster.registry.alive();
 */
export async function connectCluster(url: string, options: ClusterOptions): Promise<Cluster> {
  const nc = await connectNats(url, options.name, options.source);
  let jsm: JetStreamManager;
  try {
    jsm = await jetstreamManager(nc);
  } catch (err) {
    await nc.close().catch(() => {});
    throw new Error(
      `${options.source ?? 'SLUICE_NATS_URL'}: the NATS server at ${redactUrl(url)} has no JetStream ` +
        `(start it with nats-server -js): ${err instanceof Error ? err.message : String(err)}`,
    );
  }
  const registry = new RunnerRegistry(options.clock);
  registry.attach(nc);
  return {
    nc,
    js: jetstream(nc),
    jsm,
    registry,
    async close() {
      registry.close();
      if (nc.isClosed()) return;
      await nc.drain().catch(() => nc.close());
    },
  };
}

/** A NATS connection with reconnects; the start-up failure names `source`. */
export async function connectNats(
  url: string,
  name: string,
  source = 'SLUICE_NATS_URL',
): Promise<NatsConnection> {
  const servers = url
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  try {
    return await connect({
      servers,
      name,
      reconnect: true,
      maxReconnectAttempts: -1,
      reconnectTimeWait: 1_000,
      timeout: 5_000,
    });
  } catch (err) {
    throw new Error(
      `${source}: cannot connect to NATS at ${redactUrl(url)}: ${err instanceof Error ? err.message : String(err)}`,
    );
  }
}

/**
 * Whether `nc` is connected now, kept from its status stream. While it reconnects the client
 * buffers every publish in memory without a limit: periodic messages that the next one
 * supersedes (frames, heartbeats) are skipped meanwhile instead.
 */
export function connectionState(nc: NatsConnection): { readonly connected: boolean } {
  const state = { connected: !nc.isClosed() };
  void (async () => {
    for await (const s of nc.status()) {
      if (s.type === 'disconnect' || s.type === 'close') state.connected = false;
      else if (s.type === 'reconnect') state.connected = true;
    }
  })().catch(() => {});
  return state;
}
