import type { FileHandle } from 'node:fs/promises';
import { stat } from 'node:fs/promises';
import type { Clock } from '../clock.js';

/** Bytes read at once (at least a whole line of `maxLineBytes`, and its newline). */
const READ_BYTES = 64 * 1024;
const NEWLINE = 0x0a;

export interface FollowOptions {
  pollMs: number;
  maxLineBytes: number;
  /** The file there when following starts is read from its end (later ones, and one created after the start, from their start). */
  fromEnd: boolean;
  /**
   * With `fromEnd`: the file as it was when the run started (`null`: there was none), taken when
   * the node was created. Following starts on the first read, a moment later: a file created or
   * written in between is then still read from the start, or from where it ended at the start.
   */
  startedWith?: { size: number; ino: number } | null;
  clock: Clock;
  /** The file to read now (resolved and checked on every call), or undefined while it does not exist. Throws when refused. */
  locate(): string | undefined;
  openFile(file: string): Promise<FileHandle>;
  /** Lines that may be delivered now; reading stops at 0 and goes on after `kick`. */
  room(): number;
  line(text: string): void;
  /** A line longer than `maxLineBytes` was skipped. */
  tooLong(): void;
  failed(message: string): void;
}

export interface Follower {
  /** Starts following (once; later calls do nothing). */
  start(): void;
  /** Room may have freed up: read on. */
  kick(): void;
  /** Stops, and closes the file once the read in progress (if any) has ended. */
  stop(): Promise<void>;
}

/** Where `from: end` starts reading the file opened first: its end when the run started. */
function endAtStart(startedWith: FollowOptions['startedWith'], now: { size: number; ino: number }): number {
  if (startedWith === undefined || startedWith === null) return now.size;
  // Another file took the path since the start (rotated): it is new, all of it is read.
  if (startedWith.ino !== now.ino) return 0;
  return Math.min(startedWith.size, now.size);
}

/**
 * Follows a file like `tail -F`, delivering each complete line once. The read position only ever
 * moves past whole lines that were delivered, so no line is held in memory beyond one read and a
 * partial last line is read again once it is complete. At the end of the file it looks at the
 * path: a different file there (rotation: renamed away, a new one created) means reading the old
 * one to its end — its last line even without a newline — and then the new one from its start;
 * the same file, shorter than the position (truncation), means starting again from its start.
 */
export function followFile(o: FollowOptions): Follower {
  const chunk = Buffer.alloc(Math.max(READ_BYTES, o.maxLineBytes + 1));
  let fd: FileHandle | undefined;
  let ino = -1;
  let dev = -1;
  let pos = 0;
  let first = o.startedWith !== null;
  let skipping = false; // inside an over-long line: drop bytes up to its newline
  let rotated = false;
  let started = false;
  let stopped = false;
  let running: Promise<void> | undefined;
  let again = false;
  let timer: unknown;

  const reopen = async (): Promise<boolean> => {
    const file = o.locate();
    if (file === undefined) {
      first = false; // a file that appears later is new: all of it is read
      return false;
    }
    fd = await o.openFile(file);
    const s = await fd.stat();
    ino = s.ino;
    dev = s.dev;
    pos = first && o.fromEnd ? endAtStart(o.startedWith, s) : 0;
    first = false;
    rotated = false;
    skipping = false;
    return true;
  };

  const closeFd = async () => {
    const f = fd;
    fd = undefined;
    await f?.close().catch(() => {});
  };

  /** Delivers the complete lines in `chunk[0, n)` while there is room; returns the bytes used. */
  const deliver = (n: number, atEnd: boolean): number => {
    let used = 0;
    while (used < n) {
      if (skipping) {
        const nl = chunk.indexOf(NEWLINE, used);
        if (nl < 0 || nl >= n) return n;
        skipping = false;
        used = nl + 1;
        continue;
      }
      if (o.room() <= 0) return used;
      const nl = chunk.indexOf(NEWLINE, used);
      const end = nl >= 0 && nl < n ? nl : -1;
      if (end < 0) {
        if (n - used > o.maxLineBytes) {
          o.tooLong();
          skipping = true;
          return n;
        }
        if (!atEnd || n === used) return used;
        o.line(text(used, n)); // the old file's last line, never to be finished
        return n;
      }
      if (end - used > o.maxLineBytes) o.tooLong();
      else o.line(text(used, end));
      used = end + 1;
    }
    return used;
  };

  const text = (from: number, to: number) => {
    const end = to > from && chunk[to - 1] === 0x0d ? to - 1 : to;
    return chunk.toString('utf8', from, end);
  };

  /** One pass: reads while there is room and progress; returns whether to look again after pollMs. */
  const pass = async (): Promise<boolean> => {
    for (;;) {
      if (stopped) return false;
      if (fd === undefined && !(await reopen())) return true;
      if (o.room() <= 0) return false; // `kick` resumes
      const { bytesRead } = await fd!.read(chunk, 0, chunk.length, pos);
      const used = deliver(bytesRead, rotated);
      pos += used;
      if (used > 0) continue;
      if (rotated) {
        await closeFd(); // read to its end: on to the new file
        continue;
      }
      const now = await stat(o.locate() ?? '').catch(() => undefined);
      if (now === undefined) return true; // renamed away, nothing new yet: keep the old one
      if (now.ino !== ino || now.dev !== dev) rotated = true;
      else if (now.size < pos) {
        pos = 0; // truncated
        skipping = false;
      } else return true;
    }
  };

  const run = () => {
    if (running) {
      again = true;
      return;
    }
    running = (async () => {
      do {
        again = false;
        try {
          if (await pass()) schedule();
        } catch (err) {
          o.failed(err instanceof Error ? err.message : String(err));
          stopped = true;
        }
      } while (again && !stopped);
      running = undefined;
    })();
  };

  const schedule = () => {
    if (stopped || timer !== undefined) return;
    timer = o.clock.setTimeout(() => {
      timer = undefined;
      run();
    }, o.pollMs);
  };

  return {
    start() {
      if (started) return;
      started = true;
      run();
    },
    kick() {
      if (started && !stopped) run();
    },
    async stop() {
      stopped = true;
      if (timer !== undefined) o.clock.clearTimeout(timer);
      timer = undefined;
      await running;
      await closeFd();
    },
  };
}
