import { statSync } from 'node:fs';
import { type FileHandle, open } from 'node:fs/promises';
import type { ParamsOf } from '../../../shared/catalog/define-kind.js';
import type { fileTailKind } from '../../../shared/catalog/kinds/file-tail.js';
import type { FeedBehavior, FeedReport, NodeContext } from '../node-behavior.js';
import { resolveTailPath } from '../tail-path.js';
import { FeedBuffer } from './feed-buffer.js';
import { followFile } from './tail-follow.js';

type Params = ParamsOf<typeof fileTailKind>;

/** Lines read but not yet handed to the graph. The file itself is the real buffer. */
const BUFFER_LINES = 512;

const quiet: FeedReport = { rejected() {}, errors() {} };

/** The file at the path as the run starts (null: none yet), or undefined when it cannot be told (refused: following fails then). */
function fileAtStart(
  tailDir: string | undefined,
  file: string,
): { size: number; ino: number } | null | undefined {
  const where = resolveTailPath(tailDir, file);
  if (!where.ok) return undefined;
  if (!where.exists) return null;
  try {
    const s = statSync(where.file);
    return { size: s.size, ino: s.ino };
  } catch {
    return null; // removed in between: whatever appears there is new
  }
}

/**
 * The worker side of `file-tail`: follows the file like `tail -F` (see `tail-follow.ts`), reading
 * only while its small buffer has room, so a slow graph leaves the lines in the file (closed loop).
 * Every (re)open resolves the path again under SLUICE_TAIL_DIR: a symlink swapped in after the run
 * started cannot lead out of it.
 */
export function createFileTail(ctx: NodeContext<Params>): FeedBehavior {
  const p = ctx.params;
  const buffer = new FeedBuffer(BUFFER_LINES);
  let report = quiet;
  let failure: string | undefined;
  let stopping = false;
  const follow = followFile({
    pollMs: p.pollMs,
    maxLineBytes: p.maxLineBytes,
    fromEnd: p.from === 'end',
    ...(p.from === 'end' ? { startedWith: fileAtStart(ctx.env?.tailDir, p.path) } : {}),
    clock: ctx.clock,
    locate() {
      const where = resolveTailPath(ctx.env?.tailDir, p.path);
      if (!where.ok) throw new Error(where.message);
      return where.exists ? where.file : undefined;
    },
    openFile: (file): Promise<FileHandle> => open(file, 'r'),
    room: () => (stopping ? 0 : buffer.room),
    line(line) {
      buffer.push({ line, ts: ctx.clock.wallNow() });
      buffer.wake();
    },
    tooLong: () => report.errors(1),
    failed(message) {
      failure ??= message;
      buffer.wake();
    },
  });

  return {
    type: 'feed',
    attach(r) {
      report = r;
    },
    take(max) {
      follow.start();
      if (failure !== undefined) throw new Error(failure);
      return buffer.take(max);
    },
    handedOn(n) {
      buffer.handedOn(n);
      follow.kick();
    },
    onArrival(wake) {
      return buffer.onArrival(wake);
    },
    drain() {
      stopping = true;
    },
    close: () => follow.stop(),
  };
}
