/**
 * Recordings of ended runs on disk: `DATA_DIR/recordings/<runId>.json`, one file each, written
 * whole to a temporary name and renamed (a crash leaves the old state or the new, never half a
 * file). Only the newest SLUICE_KEEP_RECORDINGS files are kept.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { RecordingData } from '../../shared/recorder/recording-data.js';
import type { TimelinePoint } from '../../shared/recorder/timeline.js';

/** What a run's file holds besides the recording: enough to answer and to authorize reads. */
export interface RunRecordingFile {
  format: 'sluice-run-recording';
  version: 1;
  runId: string;
  name: string;
  hz: number;
  graph: unknown;
  /** sha256 (hex) of the run token and of the watch token: reads after the run is forgotten. */
  runTokenHash: string;
  watchTokenHash: string;
  /** The timeline as recorded at full rate (thinning does not touch it). */
  timeline: TimelinePoint[];
  recording: RecordingData;
}

const RUN_ID = /^[A-Za-z0-9_-]{1,64}$/;

export const recordingsDir = (dataDir: string) => path.join(path.resolve(dataDir), 'recordings');

/** The file of a run, or undefined for an id that could not be one (it comes from a URL). */
export function recordingPath(dataDir: string, runId: string): string | undefined {
  return RUN_ID.test(runId) ? path.join(recordingsDir(dataDir), `${runId}.json`) : undefined;
}

export async function writeRecordingFile(dataDir: string, file: RunRecordingFile): Promise<void> {
  const target = recordingPath(dataDir, file.runId);
  if (target === undefined) throw new Error(`recording: bad run id "${file.runId}"`);
  await mkdir(recordingsDir(dataDir), { recursive: true });
  const temp = `${target}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    await writeFile(temp, JSON.stringify(file));
    await rename(temp, target);
  } catch (err) {
    await rm(temp, { force: true });
    throw err;
  }
}

/** The file's content, or undefined when there is none (pruned, never written). */
export async function readRecordingFile(
  dataDir: string,
  runId: string,
): Promise<RunRecordingFile | undefined> {
  const file = recordingPath(dataDir, runId);
  if (file === undefined) return undefined;
  try {
    return JSON.parse(await readFile(file, 'utf8')) as RunRecordingFile;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}

/** Removes all but the `keep` newest recordings (and temporary files left by a crash); returns the removed run ids. */
export async function pruneRecordingFiles(dataDir: string, keep: number): Promise<string[]> {
  const dir = recordingsDir(dataDir);
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return [];
  }
  const files: Array<{ runId: string; mtime: number }> = [];
  for (const name of names) {
    const full = path.join(dir, name);
    if (name.endsWith('.tmp')) {
      const s = await stat(full).catch(() => undefined);
      // Older than a minute: not a write in progress.
      if (s && Date.now() - s.mtimeMs > 60_000) await rm(full, { force: true });
      continue;
    }
    if (!name.endsWith('.json')) continue;
    const s = await stat(full).catch(() => undefined);
    if (s) files.push({ runId: name.slice(0, -'.json'.length), mtime: s.mtimeMs });
  }
  files.sort((a, b) => b.mtime - a.mtime || a.runId.localeCompare(b.runId));
  const gone = files.slice(keep);
  for (const f of gone) await rm(path.join(dir, `${f.runId}.json`), { force: true });
  return gone.map((f) => f.runId);
}
