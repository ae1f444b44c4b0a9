import { createReadStream, existsSync } from 'node:fs';
import { open, rename, rm } from 'node:fs/promises';
import { z } from 'zod';
import { findPoisonKeys } from '../../shared/graph/poison-keys.js';
import type { DumpRecord, GraphStore, LoadCounts } from './graph-store.js';
import { DumpFormatError } from './store-errors.js';

/*
 * `db export` / `db import` file: NDJSON, one record a line, so neither side holds more than one
 * revision in memory.
 *
 *   {"format":"sluice-store","version":1,"exportedAt":"…","from":"sqlite"}
 *   {"type":"graph","id":…,"slug":…,"tokenHash":…,"headRevision":2,…}
 *   {"type":"revision","graphId":…,"revision":1,"document":"<the stored JSON text>",…}
 *   {"type":"revision","graphId":…,"revision":2,…}
 *   …
 *   {"type":"recording","slug":…,"graph":"<JSON text>","timeline":"…","data":"…",…}
 *   {"type":"end","graphs":1,"revisions":2,"recordings":1}
 *
 * The end line makes a cut-off file refuse to import instead of importing part of a store.
 */

export const DUMP_FORMAT = 'sluice-store';
export const DUMP_VERSION = 1;
/**
 * A line holds one revision (a document ≤ SLUICE_MAX_BODY_BYTES) or one saved recording (≤
 * SLUICE_MAX_RECORDING_MB, 64 by default), escaped once more; well above either.
 */
export const MAX_DUMP_LINE_BYTES = 256 * 1024 * 1024;

const text = (max: number) => z.string().max(max);
const header = z.strictObject({
  format: z.literal(DUMP_FORMAT),
  version: z.literal(DUMP_VERSION),
  exportedAt: text(64),
  from: z.enum(['sqlite', 'postgres']),
});
const key = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);
const graphLine = z.strictObject({
  type: z.literal('graph'),
  id: key,
  slug: key,
  tokenHash: z.string().regex(/^[0-9a-f]{64}$/),
  name: text(10_000),
  headRevision: z.number().int().min(1),
  forkedFrom: key.nullable(),
  createdAt: text(64),
  updatedAt: text(64),
});
const revisionLine = z.strictObject({
  type: z.literal('revision'),
  graphId: key,
  revision: z.number().int().min(1),
  document: z.string(),
  createdAt: text(64),
});
const recordingLine = z.strictObject({
  type: z.literal('recording'),
  slug: key,
  name: text(10_000),
  graph: z.string(),
  hz: z.number().positive(),
  timeline: z.string(),
  data: z.string(),
  createdAt: text(64),
});
const endLine = z.strictObject({
  type: z.literal('end'),
  graphs: z.number().int().min(0),
  revisions: z.number().int().min(0),
  recordings: z.number().int().min(0),
});
const recordLine = z.discriminatedUnion('type', [graphLine, revisionLine, recordingLine, endLine]);

/**
 * Writes every record of `store` to `file` (a temp file renamed into place once complete and
 * flushed, so `file` is never a partial export). Refuses to overwrite an existing file.
 */
export async function exportStore(store: GraphStore, file: string): Promise<LoadCounts> {
  if (existsSync(file)) throw new Error(`${file} already exists; remove it or name another file`);
  const tmp = `${file}.partial-${process.pid}`;
  const out = await open(tmp, 'wx');
  const counts = { graphs: 0, revisions: 0, recordings: 0 };
  try {
    const write = (v: unknown) => out.write(`${JSON.stringify(v)}\n`);
    await write({
      format: DUMP_FORMAT,
      version: DUMP_VERSION,
      exportedAt: new Date().toISOString(),
      from: store.dialect,
    });
    for await (const r of store.dump()) {
      await write(r);
      if (r.type === 'graph') counts.graphs++;
      else if (r.type === 'revision') counts.revisions++;
      else counts.recordings++;
    }
    await write({ type: 'end', ...counts });
    await out.sync();
    await out.close();
    await rename(tmp, file);
    return counts;
  } catch (err) {
    await out.close().catch(() => {});
    await rm(tmp, { force: true });
    throw err;
  }
}

/** Imports `file` into `store` in one transaction (see `GraphStore.load`); checks every line first. */
export function importStore(
  store: GraphStore,
  file: string,
  options: { merge: boolean },
): Promise<LoadCounts> {
  return store.load(readDump(file), options);
}

/**
 * The records of an export file, checked line by line as they are read: the header, known fields
 * only and no prototype-poisoning keys (in the line or in a document), documents that are JSON
 * objects, each graph's revisions 1..head in order right after it, and the end line's counts.
 * Throws `DumpFormatError` naming the line; the import's transaction then writes nothing.
 */
export async function* readDump(file: string): AsyncIterable<DumpRecord> {
  let lineNo = 0;
  let graph: { id: string; head: number; seen: number } | undefined;
  const counts = { graphs: 0, revisions: 0, recordings: 0 };
  let ended = false;
  const fail = (why: string): never => {
    throw new DumpFormatError(`${file}, line ${lineNo}: ${why}; nothing was imported`);
  };
  const closeGraph = () => {
    if (graph && graph.seen !== graph.head)
      fail(`graph "${graph.id}" has ${graph.seen} of its ${graph.head} revisions`);
  };
  for await (const line of lines(file)) {
    lineNo++;
    if (ended) fail('data after the end line');
    const value = parseLine(line, fail);
    if (lineNo === 1) {
      if (!header.safeParse(value).success)
        fail(`not a Sluice store export (expected {"format":"${DUMP_FORMAT}","version":${DUMP_VERSION},…})`);
      continue;
    }
    const parsed = recordLine.safeParse(value);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      fail(`${issue.path.join('.') || 'record'}: ${issue.message}`);
      return;
    }
    const r = parsed.data;
    if (r.type === 'end') {
      closeGraph();
      if (
        r.graphs !== counts.graphs ||
        r.revisions !== counts.revisions ||
        r.recordings !== counts.recordings
      )
        fail(
          `the end line counts ${r.graphs} graphs / ${r.revisions} revisions / ${r.recordings} recordings, the file holds ${counts.graphs} / ${counts.revisions} / ${counts.recordings}`,
        );
      ended = true;
      continue;
    }
    if (r.type === 'graph') {
      closeGraph();
      graph = { id: r.id, head: r.headRevision, seen: 0 };
      counts.graphs++;
    } else if (r.type === 'recording') {
      closeGraph();
      graph = undefined;
      // The server checks a recording whole when it is saved or uploaded; here that it is JSON, unpoisoned.
      for (const part of ['graph', 'timeline', 'data'] as const)
        parseLine(r[part], (why) => fail(`recording "${r.slug}" ${part}: ${why}`));
      counts.recordings++;
    } else {
      if (!graph || r.graphId !== graph.id) fail(`a revision of "${r.graphId}" outside that graph's lines`);
      if (r.revision !== graph!.seen + 1 || r.revision > graph!.head)
        fail(
          `revision ${r.revision} of "${r.graphId}" out of order (expected ${graph!.seen + 1} of ${graph!.head})`,
        );
      const doc = parseLine(r.document, (why) => fail(`document of ${r.graphId}@${r.revision}: ${why}`));
      if (doc === null || typeof doc !== 'object' || Array.isArray(doc))
        fail(`document of ${r.graphId}@${r.revision} is not a JSON object`);
      graph!.seen++;
      counts.revisions++;
    }
    yield r;
  }
  if (lineNo === 0) fail('the file is empty');
  if (!ended) fail('the file ends without its end line (cut off?)');
}

function parseLine(line: string, fail: (why: string) => never): unknown {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    fail('not valid JSON');
  }
  const poisoned = findPoisonKeys(value, 1);
  if (poisoned.length > 0) fail(`forbidden key "${poisoned[0]}"`);
  return value;
}

/** Lines of a UTF-8 file, refusing one longer than MAX_DUMP_LINE_BYTES instead of buffering it. */
async function* lines(file: string): AsyncIterable<string> {
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let n = 0;
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    let start = 0;
    for (let nl = chunk.indexOf(10); nl !== -1; nl = chunk.indexOf(10, start)) {
      pending.push(chunk.subarray(start, nl));
      n++;
      yield Buffer.concat(pending).toString('utf8');
      pending = [];
      pendingBytes = 0;
      start = nl + 1;
    }
    pending.push(chunk.subarray(start));
    pendingBytes += chunk.length - start;
    if (pendingBytes > MAX_DUMP_LINE_BYTES)
      throw new DumpFormatError(
        `${file}, line ${n + 1}: longer than ${MAX_DUMP_LINE_BYTES} bytes; nothing was imported`,
      );
  }
  if (pendingBytes > 0) yield Buffer.concat(pending).toString('utf8');
}
