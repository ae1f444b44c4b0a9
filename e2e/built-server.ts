import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

/** A process of the built app (`npm run build`), for specs that need their own environment. */
export interface BuiltProcess {
  child: ChildProcess;
  /** The JSON log line that said it was ready. */
  ready: Record<string, unknown>;
  /** SIGTERM (a server or runner stops its runs first) and wait for the exit. */
  stop(): Promise<void>;
}

/**
 * Starts `node <script>` with `env` on top of this process's environment and resolves at the
 * first JSON log line whose `msg` is `readyMsg`. Built JavaScript, not tsx: on a loaded machine
 * compiling the sources in every worker thread takes longer than a part is given to start.
 */
export function startBuilt(
  script: string,
  env: Record<string, string>,
  readyMsg: string,
): Promise<BuiltProcess> {
  const child = spawn(process.execPath, [script], {
    env: { ...process.env, LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (d) => {
    stderr = (stderr + String(d)).slice(-20_000);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${script} was not ready within 60 s\n${stderr}`));
    }, 60_000);
    void exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`${script} exited before it was ready\n${stderr}`));
    });
    createInterface({ input: child.stdout! }).on('line', (line) => {
      let entry: Record<string, unknown>;
      try {
        entry = JSON.parse(line) as Record<string, unknown>;
      } catch {
        return;
      }
      if (entry.msg === readyMsg) {
        clearTimeout(timer);
        resolve({ child, ready: entry, stop });
      }
    });
  });
}

/** The built server on a free port; its URL from the line that gives the bound port. */
export async function startBuiltServer(env: Record<string, string>): Promise<BuiltProcess & { url: string }> {
  const server = await startBuilt(
    'dist/server/server/main.js',
    { PORT: '0', HOST: '127.0.0.1', ...env },
    'Sluice is listening',
  );
  return { ...server, url: `http://127.0.0.1:${server.ready.port}` };
}

/** A built runner process (`npm run runner` from dist), ready once it has announced itself. */
export function startBuiltRunner(env: Record<string, string>): Promise<BuiltProcess> {
  return startBuilt('dist/server/server/runner/main.js', env, 'runner is ready');
}
