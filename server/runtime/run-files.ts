import { readdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';

/** Where runs write when the server was given no data directory (the CLI): DATA_DIR or ./data. */
export function defaultDataDir(): string {
  return path.resolve(process.env.DATA_DIR ?? './data');
}

/** `<dataDir>/runs/<runId>`: every file a run writes lives here, so cleanup removes one folder. */
export function runDir(dataDir: string, runId: string): string {
  return path.join(path.resolve(dataDir), 'runs', runId);
}

/**
 * `<dataDir>/runs/<runId>/<nodeId>.jsonl`, or undefined when the ids would leave that folder.
 * Node ids cannot hold a slash (graph schema) and run ids are generated, but the path is checked
 * anyway because the download route builds it from a URL.
 */
export function runFilePath(dataDir: string, runId: string, nodeId: string): string | undefined {
  const dir = runDir(dataDir, runId);
  const file = path.join(dir, `${nodeId}.jsonl`);
  const runs = path.join(path.resolve(dataDir), 'runs');
  if (path.dirname(file) !== dir || path.dirname(dir) !== runs) return undefined;
  return file;
}

/**
 * Keeps the folders of the `keep` most recent finished runs (by modification time) and of every
 * run in `active`, and removes the rest. Best effort: a folder that vanishes or cannot be removed is left for next time.
 */
export async function pruneRunDirs(
  dataDir: string,
  keep: number,
  active: ReadonlySet<string>,
): Promise<void> {
  const runs = path.join(path.resolve(dataDir), 'runs');
  let names: string[];
  try {
    names = await readdir(runs);
  } catch {
    return; // no run has written anything yet
  }
  const dirs = await Promise.all(
    names.map(async (name) => {
      try {
        const s = await stat(path.join(runs, name));
        return s.isDirectory() ? { name, mtime: s.mtimeMs } : undefined;
      } catch {
        return undefined;
      }
    }),
  );
  const old = dirs
    .filter((d): d is { name: string; mtime: number } => d !== undefined && !active.has(d.name))
    .sort((a, b) => b.mtime - a.mtime)
    .slice(keep);
  await Promise.all(
    old.map((d) => rm(path.join(runs, d.name), { recursive: true, force: true }).catch(() => {})),
  );
}
