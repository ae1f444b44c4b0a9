import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { freePort } from './nats-server.js';

/** A throw-away Postgres cluster for one test file: temp dir, free port on 127.0.0.1, trust auth. */
export interface TestPostgres {
  port: number;
  /** Creates an empty database and returns its `postgres://` URL. */
  database(name?: string): Promise<string>;
  /** Crash-stops the server (`pg_ctl stop -m immediate`, as a power cut looks to Postgres). */
  crash(): Promise<void>;
  /** Starts it again on the same port and data (recovering from the WAL after `crash`). */
  start(): Promise<void>;
  /** Stops it and removes every file. */
  stop(): Promise<void>;
}

/** The newest installed server's binaries: POSTGRES_BIN, Debian's /usr/lib/postgresql/N/bin, or pg_config's. */
export function postgresBinDir(): string {
  if (process.env.POSTGRES_BIN) return process.env.POSTGRES_BIN;
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root)
    ? readdirSync(root)
        .filter((v) => existsSync(path.join(root, v, 'bin', 'initdb')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (versions[0]) return path.join(root, versions[0], 'bin');
  try {
    const dir = execFileSync('pg_config', ['--bindir'], { encoding: 'utf8' }).trim();
    if (existsSync(path.join(dir, 'initdb'))) return dir;
  } catch {}
  throw new Error(
    'no Postgres server binaries (initdb) found; apt-get install postgresql, or set POSTGRES_BIN',
  );
}

const quote = (s: string) => `'${s.replaceAll("'", "'\\''")}'`;

/** Runs a Postgres binary; as root through `su postgres` (initdb and postgres refuse to run as root). */
function runPg(bin: string, args: string[]): Promise<void> {
  const asRoot = process.getuid?.() === 0;
  const child = asRoot
    ? spawn('su', ['postgres', '-s', '/bin/sh', '-c', [bin, ...args].map(quote).join(' ')], { stdio: 'pipe' })
    : spawn(bin, args, { stdio: 'pipe' });
  let out = '';
  child.stdout.on('data', (d) => (out = (out + String(d)).slice(-4_000)));
  child.stderr.on('data', (d) => (out = (out + String(d)).slice(-4_000)));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`${path.basename(bin)} ${args[0]} exited ${code}: ${out}`)),
    );
  });
}

/**
 * initdb in a fresh temp dir and a server on a free port, as a real deployment would run it (fsync
 * on). Everything is removed by `stop()`; if the test process dies first, an exit hook stops the
 * postmaster so no server outlives it.
 *
 * @example
 * const pgc = await startPostgres();
 * afterAll(() => pgc.stop());
 * const store = await PgGraphStore.open(await pgc.database());
 */
export async function startPostgres(): Promise<TestPostgres> {
  const bin = postgresBinDir();
  const dir = mkdtempSync(path.join(tmpdir(), 'sluice-pg-'));
  chmodSync(dir, 0o777); // the postgres user writes its data dir, socket and log here
  const data = path.join(dir, 'data');
  await runPg(path.join(bin, 'initdb'), [
    '-D',
    data,
    '-A',
    'trust',
    '-U',
    'postgres',
    '-E',
    'UTF8',
    '--locale=C',
    '-N',
  ]);
  let port = 0;
  let postmaster: number | undefined;
  const onExit = () => {
    if (postmaster !== undefined) {
      try {
        process.kill(postmaster, 'SIGQUIT'); // immediate shutdown: children end with it
      } catch {}
    }
    rmSync(dir, { recursive: true, force: true });
  };
  process.once('exit', onExit);

  const start = async () => {
    const opts = `-p ${port} -c listen_addresses=127.0.0.1 -k ${dir} -c max_connections=60`;
    await runPg(path.join(bin, 'pg_ctl'), [
      'start',
      '-w',
      '-t',
      '120',
      '-D',
      data,
      '-l',
      path.join(dir, 'log'),
      '-o',
      opts,
    ]);
    postmaster = Number(readFileSync(path.join(data, 'postmaster.pid'), 'utf8').split('\n')[0]);
  };
  const pgStop = async (mode: 'immediate' | 'fast') => {
    if (postmaster === undefined) return;
    await runPg(path.join(bin, 'pg_ctl'), ['stop', '-w', '-D', data, '-m', mode]);
    postmaster = undefined;
  };

  for (let attempt = 0; ; attempt++) {
    port = await freePort();
    try {
      await start();
      break;
    } catch (err) {
      // A port taken between probing and binding: try another; anything else is a real failure.
      const log = existsSync(path.join(dir, 'log')) ? readFileSync(path.join(dir, 'log'), 'utf8') : '';
      if (attempt >= 3 || !/already in use/i.test(log))
        throw new Error(`${(err as Error).message}\n${log.slice(-2_000)}`);
    }
  }

  let databases = 0;
  return {
    get port() {
      return port;
    },
    async database(name = `sluice_${process.pid}_${++databases}`) {
      const admin = new pg.Client({ host: '127.0.0.1', port, user: 'postgres', database: 'postgres' });
      await admin.connect();
      try {
        await admin.query(`CREATE DATABASE "${name.replaceAll('"', '')}"`);
      } finally {
        await admin.end();
      }
      return `postgres://postgres@127.0.0.1:${port}/${name}`;
    },
    crash: () => pgStop('immediate'),
    start,
    async stop() {
      await pgStop('immediate').catch(() => {});
      process.removeListener('exit', onExit);
      onExit();
    },
  };
}
