import { fetchFrames, type RecordingSource } from '../api/recording-client.js';
import { categoryOf } from '../api/socket-client.js';
import { beginBackfill } from '../stores/telemetry-history.js';

/** The whole run is read back as about this many frames (the charts keep ~2,000 points). */
const POINTS = 2_000;
/** The finest spacing asked for: the charts' own (~10 samples a second). */
const MIN_STEP_MS = 100;
/** At most this much frame JSON is read back: a 500-node graph's frames are ~190 kB each. */
const MAX_BYTES = 40 * 1024 * 1024;
/** And at most this many pages, whatever the server's page size. */
const MAX_PAGES = 40;

/**
 * Puts the history from before this page into the charts (issue 20): after a reload, for a
 * watcher who came late, on a saved recording. The whole run is read from the recording with a
 * `step` that keeps it to ~2,000 frames (fewer for big graphs, by bytes), then merged before what
 * the socket brought meanwhile. A failed read leaves the charts as they were.
 */
export async function backfillCharts(source: RecordingSource): Promise<void> {
  const fill = beginBackfill(categoryOf);
  try {
    // A one-instant read tells how long the run is so far, cheaply.
    const probe = await fetchFrames(source, 0, 0);
    const endT = probe.endT;
    if (!(endT > 0)) return;
    let step = Math.max(MIN_STEP_MS, endT / POINTS);
    let from = 0;
    for (let page = 0; page < MAX_PAGES; page++) {
      const res = await fetchFrames(source, from, endT, step);
      fill.add(res.frames);
      if (page === 0 && res.frames.length > 0) {
        // Big graphs: fewer frames, so the read stays within MAX_BYTES.
        const bytes = JSON.stringify(res.frames[0]).length;
        step = Math.max(step, (endT * bytes) / MAX_BYTES);
      }
      if (res.next === undefined) break;
      const lastT = res.frames.at(-1)?.t ?? res.next;
      from = Math.max(res.next, lastT + step);
    }
  } catch {
    return; // The charts still show what the socket brings; the whole run just starts later.
  }
  fill.commit();
}
