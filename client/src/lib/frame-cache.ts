import type { TelemetryFrame } from '../../../shared/protocol/telemetry.js';

/** Frames are fetched and kept in windows of this much run time (ms). */
export const PAGE_MS = 10_000;
/** At most this many frames, whatever their size. */
export const MAX_FRAMES = 3_000;
/**
 * At most this many node and edge entries over all kept frames: a 500-node graph's frame holds
 * ~1,000 of them (~200 KB of objects), so 3,000 of those would be 600 MB. This keeps ~300 of
 * those frames (three pages at 10 Hz) and all 3,000 of a 100-entry graph's.
 */
export const MAX_ENTRIES = 300_000;

interface Page {
  /** Frames of [index·PAGE_MS, (index+1)·PAGE_MS), oldest first. */
  frames: TelemetryFrame[];
  /** The page holds every frame recorded with `from ≤ t ≤ upTo`. */
  from: number;
  upTo: number;
  entries: number;
  /** Last use, for least-recently-used eviction. */
  used: number;
}

const pageOf = (t: number) => Math.floor(t / PAGE_MS);
const entriesOf = (f: TelemetryFrame) => 1 + Object.keys(f.nodes).length + Object.keys(f.edges).length;

/** Index of the last frame with `t ≤ at`, or -1. */
function lastAtOrBefore(frames: readonly TelemetryFrame[], at: number): number {
  let lo = 0;
  let hi = frames.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (frames[mid]!.t <= at) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/**
 * The recorded frames of one run (or saved recording) that the client holds: windows of PAGE_MS
 * fetched around the time cursor, plus the live frames as they arrive, bounded by frame count and
 * by node/edge entries (least recently used window goes first). `frameAt(t)` answers the frame on
 * screen at `t` — the latest one at or before it — or says the window must be fetched first.
 */
export class FrameCache {
  private pages = new Map<number, Page>();
  private frames = 0;
  private entries = 0;
  private clock = 0;
  /** The previous live frame went into a page that covered it: the next one follows on. */
  private liveT: number | null = null;

  constructor(
    private readonly maxFrames = MAX_FRAMES,
    private readonly maxEntries = MAX_ENTRIES,
  ) {}

  get size(): number {
    return this.frames;
  }

  get entryCount(): number {
    return this.entries;
  }

  /** Page indexes held, for tests and prefetch. */
  heldPages(): number[] {
    return [...this.pages.keys()].sort((a, b) => a - b);
  }

  /**
   * Stores a fetched window: every frame recorded in [pageStart, min(pageEnd, upTo)], where
   * `upTo` is the newest frame the server had (its `endT`). Replaces what the page held.
   */
  putPage(index: number, frames: readonly TelemetryFrame[], upTo: number): void {
    const start = index * PAGE_MS;
    const end = start + PAGE_MS - 1;
    const mine = frames.filter((f) => f.t >= start && f.t <= end).sort((a, b) => a.t - b.t);
    const old = this.pages.get(index);
    // Live frames newer than the fetch stay: the server had not recorded them yet.
    const newer = old ? old.frames.filter((f) => f.t > upTo) : [];
    const merged = newer.length > 0 && newer[0]!.t > (mine.at(-1)?.t ?? -1) ? mine.concat(newer) : mine;
    const covered = Math.min(end, Math.max(upTo, old && old.upTo > upTo ? old.upTo : upTo));
    this.set(index, merged, start, covered);
  }

  /**
   * A live frame as it arrives. It extends its page's coverage when the frame before it was
   * covered too (frames arrive in order over one subscription), so scrubbing near the live edge
   * needs no fetch.
   */
  addLive(frame: TelemetryFrame): void {
    const index = pageOf(frame.t);
    const page = this.pages.get(index);
    const follows = this.liveT !== null && this.covers(this.liveT);
    if (page) {
      const last = page.frames.at(-1);
      if (last && last.t >= frame.t) {
        // Already fetched: later frames follow on from it.
        if (this.covers(frame.t)) this.liveT = frame.t;
        return;
      }
      page.frames.push(frame);
      const n = entriesOf(frame);
      page.entries += n;
      this.frames += 1;
      this.entries += n;
      if (follows && page.upTo >= (this.liveT ?? Number.POSITIVE_INFINITY)) page.upTo = frame.t;
      page.used = ++this.clock;
    } else {
      const before = this.pages.get(index - 1);
      // The page before reached the previous live frame: nothing was missed between the two.
      const joined = follows && before !== undefined && pageOf(this.liveT ?? -1) === index - 1;
      if (joined && before) before.upTo = index * PAGE_MS - 1;
      this.set(index, [frame], joined ? index * PAGE_MS : frame.t, frame.t);
    }
    this.liveT = frame.t;
    this.evict(index);
  }

  /** Whether frameAt(t) can answer without a fetch. */
  covers(t: number): boolean {
    const page = this.pages.get(pageOf(t));
    return page !== undefined && t >= page.from && t <= page.upTo;
  }

  /**
   * The frame shown at `t`: the latest recorded at or before it. `undefined` when the window
   * holding `t` is not here (fetch it); `null` when nothing was recorded before `t`.
   */
  frameAt(t: number): TelemetryFrame | null | undefined {
    let index = pageOf(t);
    let page = this.pages.get(index);
    if (!page || t < page.from || t > page.upTo) return undefined;
    // A page with no frame before `t` continues the page before it (a thinned or quiet stretch).
    for (let hops = 0; page; hops++) {
      page.used = ++this.clock;
      const i = lastAtOrBefore(page.frames, t);
      if (i >= 0) return page.frames[i]!;
      if (index <= 0 || hops > 2) return index <= 0 ? null : undefined;
      index -= 1;
      const before = this.pages.get(index);
      if (!before || before.upTo < index * PAGE_MS + PAGE_MS - 1) return undefined;
      page = before;
    }
    return undefined;
  }

  /**
   * The held frames with `from ≤ t ≤ to`, oldest first (the window leading to an instant, for
   * judging it as the live view did). Only what is here: nothing is fetched for it.
   */
  framesBetween(from: number, to: number): TelemetryFrame[] {
    const out: TelemetryFrame[] = [];
    for (let index = pageOf(from); index <= pageOf(to); index++) {
      const page = this.pages.get(index);
      if (!page) continue;
      for (const f of page.frames) if (f.t >= from && f.t <= to) out.push(f);
    }
    return out;
  }

  /** The frame one step before or after the one shown at `t`, when its window is here. */
  step(t: number, dir: -1 | 1): TelemetryFrame | undefined {
    const index = pageOf(t);
    const page = this.pages.get(index);
    if (!page) return undefined;
    const i = lastAtOrBefore(page.frames, t);
    const j = dir === 1 ? i + 1 : i - 1;
    if (j >= 0 && j < page.frames.length) return page.frames[j];
    const next = this.pages.get(index + dir);
    return dir === 1 ? next?.frames[0] : next?.frames.at(-1);
  }

  clear(): void {
    this.pages.clear();
    this.frames = 0;
    this.entries = 0;
    this.liveT = null;
  }

  private set(index: number, frames: TelemetryFrame[], from: number, upTo: number): void {
    this.drop(index);
    const entries = frames.reduce((sum, f) => sum + entriesOf(f), 0);
    this.pages.set(index, { frames, from, upTo, entries, used: ++this.clock });
    this.frames += frames.length;
    this.entries += entries;
    this.evict(index);
  }

  private drop(index: number): void {
    const page = this.pages.get(index);
    if (!page) return;
    this.pages.delete(index);
    this.frames -= page.frames.length;
    this.entries -= page.entries;
  }

  /** Least recently used pages go until both bounds hold; `keep` (just written) goes last. */
  private evict(keep: number): void {
    while ((this.frames > this.maxFrames || this.entries > this.maxEntries) && this.pages.size > 1) {
      let oldest: number | null = null;
      let used = Number.POSITIVE_INFINITY;
      for (const [i, p] of this.pages)
        if (i !== keep && p.used < used) {
          used = p.used;
          oldest = i;
        }
      if (oldest === null) break;
      this.drop(oldest);
    }
    // One page alone over the bound (a huge graph): keep its newest frames only.
    const page = this.pages.get(keep);
    if (page && this.pages.size === 1 && (this.frames > this.maxFrames || this.entries > this.maxEntries)) {
      const per = Math.max(1, page.entries / Math.max(1, page.frames.length));
      const room = Math.max(1, Math.min(this.maxFrames, Math.floor(this.maxEntries / per)));
      const cut = page.frames.length - room;
      if (cut > 0) {
        page.from = page.frames[cut]!.t;
        page.frames = page.frames.slice(cut);
        page.entries = page.frames.reduce((sum, f) => sum + entriesOf(f), 0);
        this.frames = page.frames.length;
        this.entries = page.entries;
      }
    }
  }
}

export { pageOf };
