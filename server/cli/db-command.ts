import path from 'node:path';
import { exportStore, importStore } from '../store/dump-file.js';
import type { GraphStore } from '../store/graph-store.js';
import { databaseUrlFromEnv, describeStore, openStore, type StoreConfig } from '../store/open-store.js';
import { DumpFormatError, StoreConflictError, StoreUnavailableError } from '../store/store-errors.js';

export interface DbCommandOptions {
  action: 'export' | 'import';
  file: string;
  /** Import into a store that already holds graphs (refused otherwise). */
  merge: boolean;
  env?: NodeJS.ProcessEnv;
  out: NodeJS.WritableStream;
  err: NodeJS.WritableStream;
}

/**
 * `sluice db export <file>` / `db import <file> [--merge]`: the store the server would open
 * (DATABASE_URL, else SQLite under DATA_DIR) to or from one file. Moving SQLite → Postgres is an
 * export with DATA_DIR and an import with DATABASE_URL. Exit code 0 done, 1 refused or failed.
 */
export async function dbCommand(opts: DbCommandOptions): Promise<number> {
  const env = opts.env ?? process.env;
  let config: StoreConfig;
  let store: GraphStore;
  try {
    config = { dataDir: path.resolve(env.DATA_DIR ?? './data'), databaseUrl: databaseUrlFromEnv(env) };
    store = await openStore(config);
  } catch (err) {
    opts.err.write(`cannot open the store: ${(err as Error).message}\n`);
    return 1;
  }
  const where = describeStore(config);
  try {
    if (opts.action === 'export') {
      const n = await exportStore(store, opts.file);
      opts.out.write(
        `exported ${n.graphs} graphs (${n.revisions} revisions), ${n.recordings} recordings from ${where} to ${opts.file}\n`,
      );
    } else {
      const n = await importStore(store, opts.file, { merge: opts.merge });
      opts.out.write(
        `imported ${n.graphs} graphs (${n.revisions} revisions), ${n.recordings} recordings from ${opts.file} into ${where}\n`,
      );
    }
    return 0;
  } catch (err) {
    const expected =
      err instanceof StoreConflictError ||
      err instanceof DumpFormatError ||
      err instanceof StoreUnavailableError ||
      (err as { code?: string }).code === 'ENOENT';
    opts.err.write(`db ${opts.action} failed: ${(err as Error).message}\n`);
    if (!expected) opts.err.write(`${(err as Error).stack ?? ''}\n`);
    return 1;
  } finally {
    await store.close();
  }
}
