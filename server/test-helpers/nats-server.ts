import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A throw-away `nats-server -js` for one test file: free port on 127.0.0.1, temp store dir. */
export interface TestNats {
  url: string;
  port: number;
  /** SIGKILLs the server and removes its store. */
  stop(): Promise<void>;
  /** SIGKILLs the server and starts a new one on the same port and store (clients reconnect). */
  restart(): Promise<void>;
  /** `startNats({ monitor: true })`: the HTTP monitoring endpoint (`/connz` lists connections by name). */
  monitorUrl?: string;
}

export const NATS_SERVER_BIN = process.env.NATS_SERVER_BIN ?? 'nats-server';

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

/**
 * Starts a real JetStream server and waits until it accepts clients.
 *
 * @example
 * const nats = await startNats();
 * afterAll(() => nats.stop());
 * const nc = await connect({ servers: nats.url });
 */
export async function startNats(options: { monitor?: boolean } = {}): Promise<TestNats> {
  const dir = mkdtempSync(join(tmpdir(), 'sluice-nats-'));
  for (let attempt = 0; ; attempt++) {
    const port = await freePort();
    const monitorPort = options.monitor ? await freePort() : undefined;
    const launch = (p: number, d: string) => start(p, d, monitorPort);
    let child = launch(port, dir);
    const ready = await waitReady(child);
    if (ready === true) {
      const kill = async () => {
        if (child.exitCode !== null || child.signalCode !== null) return;
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGKILL');
        await exited;
      };
      return {
        url: `nats://127.0.0.1:${port}`,
        port,
        ...(monitorPort !== undefined ? { monitorUrl: `http://127.0.0.1:${monitorPort}` } : {}),
        async stop() {
          await kill();
          rmSync(dir, { recursive: true, force: true });
        },
        async restart() {
          await kill();
          child = launch(port, dir);
          const again = await waitReady(child);
          if (again !== true) throw new Error(`nats-server did not restart: ${again}`);
        },
      };
    }
    child.kill('SIGKILL');
    // A port taken between probing and binding: try another; anything else is a real failure.
    if (attempt >= 3 || !/address already in use/i.test(ready))
      throw new Error(`nats-server did not start: ${ready}`);
  }
}

function start(port: number, dir: string, monitorPort: number | undefined): ChildProcess {
  const monitor = monitorPort !== undefined ? ['-m', String(monitorPort)] : [];
  return spawn(NATS_SERVER_BIN, ['-js', '-a', '127.0.0.1', '-p', String(port), '-sd', dir, ...monitor], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
}

/** Resolves true once the server logs that it is ready, else the reason it is not. */
function waitReady(child: ChildProcess): Promise<true | string> {
  return new Promise((resolve) => {
    let log = '';
    const timer = setTimeout(() => resolve(`no "ready" within 10 s: ${log.slice(-500)}`), 10_000);
    child.once('error', (err) => {
      clearTimeout(timer);
      resolve(`${err.message} (is nats-server installed? apt-get install nats-server)`);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve(`exited with ${code}: ${log.slice(-500)}`);
    });
    child.stderr!.on('data', (chunk: Buffer) => {
      log += chunk.toString();
      if (log.length > 20_000) log = log.slice(-10_000);
      if (/Server is ready/.test(log)) {
        clearTimeout(timer);
        child.stderr!.removeAllListeners('data');
        child.stderr!.resume();
        resolve(true);
      }
    });
  });
}
