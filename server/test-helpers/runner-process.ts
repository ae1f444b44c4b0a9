import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { nodeEntry } from './node-entry.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface RunnerProcess {
  /** Its runner id (SLUICE_RUNNER_ID, or the one it made up), from its ready line. */
  id: string;
  pid: number;
  child: ChildProcess;
  /** Every JSON log line it printed so far. */
  logs: Record<string, unknown>[];
  /** Everything it wrote to stderr so far (the last 20 KB). */
  stderr(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Sends the signal (default SIGTERM) and waits for the process to exit. */
  stop(signal?: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/**
 * A real runner process (`node --import tsx server/runner/main.ts`) on `natsUrl`. Resolves once
 * it has announced itself ("runner is ready"); rejects if it exits first, with its output.
 *
 * @example
 * const runner = await startRunner(nats.url, { SLUICE_RUNNER_SLOTS: '2' });
 * afterAll(() => runner.stop());
 */
export function startRunner(
  natsUrl: string | undefined,
  env: Record<string, string> = {},
): Promise<RunnerProcess> {
  const base: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: 'info' };
  delete base.SLUICE_NATS_URL;
  if (natsUrl !== undefined) base.SLUICE_NATS_URL = natsUrl;
  const child = spawn(process.execPath, nodeEntry('server/runner/main.ts'), {
    cwd: root,
    env: { ...base, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: Record<string, unknown>[] = [];
  let stderr = '';
  child.stderr!.on('data', (d) => {
    stderr = (stderr + String(d)).slice(-20_000);
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const stop = async (signal: NodeJS.Signals = 'SIGTERM') => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    return exited;
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`runner did not start within 60 s\n${stderr}`));
    }, 60_000); // generous: a loaded machine takes long to load TypeScript sources
    void exited.then(({ code, signal }) => {
      clearTimeout(timer);
      const out = logs.map((l) => JSON.stringify(l)).join('\n');
      reject(new Error(`runner exited (${code ?? signal}) before it was ready\n${out}\n${stderr}`));
    });
    createInterface({ input: child.stdout! }).on('line', (line) => {
      let entry: Record<string, unknown>;
      try {
        entry = JSON.parse(line) as Record<string, unknown>;
      } catch {
        return;
      }
      logs.push(entry);
      if (entry.msg === 'runner is ready') {
        clearTimeout(timer);
        resolve({
          id: String(entry.runnerId),
          pid: child.pid!,
          child,
          logs,
          stderr: () => stderr,
          exited,
          stop,
        });
      }
    });
  });
}
