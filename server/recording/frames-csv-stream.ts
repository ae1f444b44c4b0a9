import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { csvHeader, csvRows } from '../../shared/recorder/frames-csv.js';
import type { RecordingView } from './run-recordings.js';

/** Frames decoded per step: a 500-node frame is ~190 kB of objects, so 50 stay well under 10 MB. */
const FRAMES_PER_STEP = 50;

/**
 * Writes every frame of a recording as CSV rows to `out`, FRAMES_PER_STEP at a time, waiting for
 * `drain` when the socket is full; stops when the client goes away.
 */
export async function writeFramesCsv(view: RecordingView, out: Writable): Promise<void> {
  out.write(csvHeader());
  let from = Number.NEGATIVE_INFINITY;
  for (;;) {
    const frames = view.rec.framesBetween(from, Number.POSITIVE_INFINITY, FRAMES_PER_STEP + 1);
    const page = frames.length > FRAMES_PER_STEP ? frames.slice(0, FRAMES_PER_STEP) : frames;
    // A page ends where the next t begins, so frames sharing a t are never split (nor repeated).
    const nextT = frames.length > FRAMES_PER_STEP ? frames[FRAMES_PER_STEP]!.t : undefined;
    const cut = nextT === undefined ? page : page.filter((f) => f.t < nextT);
    let chunk = '';
    for (const f of cut.length > 0 ? cut : page) chunk += csvRows(f);
    if (out.destroyed) return;
    if (!out.write(chunk)) await drainOrClose(out);
    if (nextT === undefined) break;
    from = cut.length > 0 ? nextT : nextT + 0.001;
  }
  out.end();
}

/**
 * Waits until `out` drains or closes, then drops the other listener: left waiting, a long CSV
 * added a 'close' and an 'error' listener per full socket (MaxListenersExceededWarning at 11).
 */
async function drainOrClose(out: Writable): Promise<void> {
  const stop = new AbortController();
  const wait = (event: 'drain' | 'close') =>
    once(out, event, { signal: stop.signal }).then(
      () => undefined,
      () => undefined,
    );
  await Promise.race([wait('drain'), wait('close')]);
  stop.abort();
}
