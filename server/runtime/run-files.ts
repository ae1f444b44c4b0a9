import { readdirSync, rmSync, statSync } from 'node:fs';
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

interface RunFolder {
  name: string;
  mtime: number;
  bytes: number;
}

/** Every run folder under `<dataDir>/runs`, with its newest time and the size of its files. */
function runFolders(dataDir: string): RunFolder[] {
  const runs = path.join(path.resolve(dataDir), 'runs');
  let names: string[];
  try {
    names = readdirSync(runs);
  } catch {
    return []; // no run has written anything yet
  }
  const folders: RunFolder[] = [];
  for (const name of names) {
    try {
      const dir = path.join(runs, name);
      const s = statSync(dir);
      if (!s.isDirectory()) continue;
      let bytes = 0;
      for (const f of readdirSync(dir)) {
        const fs = statSync(path.join(dir, f), { throwIfNoEntry: false });
        if (fs?.isFile()) bytes += fs.size;
      }
      folders.push({ name, mtime: s.mtimeMs, bytes });
    } catch {
      // vanished while we looked: nothing to count
    }
  }
  return folders;
}

/** Bytes of every run's files under `<dataDir>/runs` (the server's disk budget starts from it). */
export function runFilesBytes(dataDir: string): number {
  return runFolders(dataDir).reduce((sum, f) => sum + f.bytes, 0);
}

/**
 * Keeps the folders of the `keep` most recent finished runs (by modification time) and of every
 * run in `active`, and removes the rest; then removes the oldest finished ones until `room` bytes
 * are freed (room for a new run under the server's disk budget). Returns the bytes removed.
 * Best effort: a folder that vanishes or cannot be removed is left for next time.
 */
export function pruneRunDirs(dataDir: string, keep: number, active: ReadonlySet<string>, room = 0): number {
  const runs = path.join(path.resolve(dataDir), 'runs');
  const finished = runFolders(dataDir)
    .filter((d) => !active.has(d.name))
    .sort((a, b) => b.mtime - a.mtime);
  const old = finished.slice(keep);
  let freed = old.reduce((sum, d) => sum + d.bytes, 0);
  for (const d of finished.slice(0, keep).reverse()) {
    if (freed >= room) break;
    old.push(d);
    freed += d.bytes;
  }
  let removed = 0;
  for (const d of old) {
    try {
      rmSync(path.join(runs, d.name), { recursive: true, force: true });
      removed += d.bytes;
    } catch {}
  }
  return removed;
}
