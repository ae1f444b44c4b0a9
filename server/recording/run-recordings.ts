/**
 * The flight recorder of every run (issue 17): one `Recording` per run, fed by the run manager's
 * frames and status changes and by live edits, in memory while the run goes. When a run ends its
 * recording is written to `DATA_DIR/recordings/<runId>.json` and leaves memory; the newest
 * SLUICE_KEEP_RECORDINGS files are kept and read back on demand (at most two decoded at once).
 *
 * Event times: `t` is ms since the run started, as in frames. An event is placed after the
 * newest frame by the time since that frame arrived (on the manager's clock: the fake one in
 * tests), so events and frames line up whichever thread the run's own clock is in.
 */

import type { EditEvent, StatusEvent } from '../../shared/protocol/recording-api.js';
import {
  isFinished,
  type RunError,
  type RunStatus,
  type TelemetryFrame,
} from '../../shared/protocol/telemetry.js';
import type { TraceMessage } from '../../shared/protocol/trace.js';
import { Recording } from '../../shared/recorder/recording.js';
import { TimelineBuilder, type TimelinePoint } from '../../shared/recorder/timeline.js';
import type { Limits } from '../config.js';
import type { RunManager } from '../runs/run-manager.js';
import { type Clock, realClock } from '../runtime/clock.js';
import { hashToken } from '../store/edit-token.js';
import { AfterBroadcast } from './after-broadcast.js';
import type { DecodedCache } from './decoded-cache.js';
import { pruneRecordingFiles, readRecordingFile, writeRecordingFile } from './recording-files.js';

/** A recording as the routes read it, wherever it is kept. */
export interface RecordingView {
  rec: Recording;
  timeline: readonly TimelinePoint[];
  hz: number;
  ended: boolean;
  name: string;
  graph: unknown;
}

/** A stored run recording: who may read it once the run itself is forgotten. */
export interface StoredRunView extends RecordingView {
  runTokenHash: string;
  watchTokenHash: string;
}

interface Live {
  rec: Recording;
  timeline: TimelineBuilder;
  /** `t` of the newest frame and the clock's time when it came. */
  lastT: number;
  lastAt: number;
  sawFrame: boolean;
}

/** Ended run ids remembered so that a late frame does not start a new recording. */
const REMEMBER_ENDED = 1_000;

export class RunRecordings {
  private readonly live = new Map<string, Live>();
  /** Ended, file being written: still read from memory. */
  private readonly ending = new Map<string, Live>();
  private readonly ended = new Set<string>();
  private readonly writes = new Set<Promise<void>>();
  private readonly clock: Clock;
  readonly maxBytes: number;
  /** Encoding not done yet, in arrival order. */
  private readonly pending = new AfterBroadcast();

  constructor(
    private readonly runs: RunManager,
    private readonly dataDir: string,
    private readonly limits: Pick<Limits, 'maxRecordingMb' | 'keepRecordings'>,
    /** Stored recordings decoded in memory (shared with saved ones: `run:<id>` keys here). */
    private readonly cache: DecodedCache<RecordingView>,
    clock: Clock | undefined,
    private readonly onError: (err: unknown, runId: string) => void = () => {},
  ) {
    this.clock = clock ?? realClock;
    this.maxBytes = limits.maxRecordingMb * 1024 * 1024;
    // Recording must never break the telemetry path: whatever goes wrong here is logged.
    runs.on('frame', (frame) => this.guard(frame.runId, () => this.onFrame(frame)));
    // Followed items' hops (issue 18), kept beside the frames so a replay can draw their tokens.
    runs.on('trace', (m) => this.guard(m.runId, () => this.onTrace(m)));
    runs.on('status', (runId, status, error, reason) =>
      this.guard(runId, () => this.onStatus(runId, status, error, reason)),
    );
  }

  /** Records a live edit (`PATCH /api/runs/:runId/params`) as applied. */
  recordEdit(runId: string, event: Omit<EditEvent, 't'>): void {
    this.guard(runId, () => {
      const live = this.live.get(runId);
      if (!live) return;
      const t = this.eventT(live);
      this.later(runId, () => this.recordEvent(live, { ...event, t }));
    });
  }

  /** The run's recording while it goes, while its file is written, or from its file. */
  async view(runId: string): Promise<StoredRunView | RecordingView | undefined> {
    this.pending.drain();
    // A run whose worker thread has not reported yet (the editor asks as soon as Run answers)
    // has an empty recording, not none: 404 read "no recording any more" on every run's start.
    const inMemory = this.live.get(runId) ?? this.ending.get(runId) ?? this.starting(runId);
    if (inMemory) {
      const hz = this.runs.telemetryHzOf(runId) ?? 10;
      const graph = this.graphOf(runId);
      return {
        rec: inMemory.rec,
        timeline: inMemory.timeline.all,
        hz,
        ended: !this.live.has(runId),
        name: nameOf(graph),
        graph,
      };
    }
    return this.cache.get(`run:${runId}`, async (): Promise<StoredRunView | undefined> => {
      const file = await readRecordingFile(this.dataDir, runId);
      if (file === undefined) return undefined;
      const rec = Recording.fromData(file.recording, { maxBytes: this.maxBytes });
      const { name, hz, graph, timeline, runTokenHash, watchTokenHash } = file;
      return { rec, timeline, hz, ended: true, name, graph, runTokenHash, watchTokenHash };
    });
  }

  /** Waits for recordings being written (shutdown, tests). */
  async flush(): Promise<void> {
    this.pending.drain();
    while (this.writes.size > 0) await Promise.allSettled([...this.writes]);
  }

  private onFrame(frame: TelemetryFrame): void {
    const live = this.liveOf(frame.runId);
    if (!live) return;
    if (frame.t < live.lastT) return; // never expected; a recording only goes forward
    live.lastT = frame.t;
    live.lastAt = this.clock.now();
    live.sawFrame = true;
    this.later(frame.runId, () => {
      live.rec.append(frame);
      live.timeline.add(frame);
    });
  }

  private onTrace(m: TraceMessage): void {
    const live = this.live.get(m.runId);
    if (!live) return;
    this.later(m.runId, () => live.rec.recordTrace(m));
  }

  /** Times are taken when the frame or event comes; the encoding is done after its broadcast. */
  private later(runId: string, fn: () => void): void {
    this.pending.push(() => this.guard(runId, fn));
  }

  private onStatus(runId: string, status: RunStatus, error?: RunError, reason?: string): void {
    const live = this.liveOf(runId);
    if (!live) return;
    const event: StatusEvent = { t: this.eventT(live), type: 'status', status };
    if (error) event.error = error;
    if (reason) event.reason = reason;
    this.later(runId, () => {
      this.recordEvent(live, { ...event });
      if (isFinished(status)) this.end(runId, live);
    });
    // No later frame starts a new recording, even one that comes before the write.
    if (isFinished(status)) {
      this.live.delete(runId);
      this.ended.add(runId);
      if (this.ended.size > REMEMBER_ENDED) this.ended.delete(this.ended.values().next().value as string);
    }
  }

  /**
   * Events are never thinned, so they alone could outgrow the budget (an owner's script editing
   * in a loop): once frames cannot be thinned any further, further events are not kept.
   */
  private recordEvent(live: Live, event: StatusEvent | EditEvent): void {
    if (live.rec.byteSize > this.maxBytes) return;
    live.rec.recordEvent({ ...event });
  }

  private starting(runId: string): Live | undefined {
    const run = this.runs.get(runId);
    return run && !isFinished(run.status) ? this.liveOf(runId) : undefined;
  }

  private liveOf(runId: string): Live | undefined {
    let live = this.live.get(runId);
    if (live || this.ended.has(runId)) return live;
    // Created on the run's first frame or status (a run reports 'running' while it is built).
    live = {
      rec: new Recording({ maxBytes: this.maxBytes }),
      timeline: new TimelineBuilder(),
      lastT: 0,
      lastAt: this.clock.now(),
      sawFrame: false,
    };
    this.live.set(runId, live);
    return live;
  }

  private eventT(live: Live): number {
    if (!live.sawFrame) return 0;
    return Math.max(live.lastT, Math.round(live.lastT + this.clock.now() - live.lastAt));
  }

  private end(runId: string, live: Live): void {
    live.rec.closeTraces();
    this.ending.set(runId, live);
    const access = this.runs.accessOf(runId);
    const graph = this.graphOf(runId);
    const write = (async () => {
      try {
        if (!access) return;
        await writeRecordingFile(this.dataDir, {
          format: 'sluice-run-recording',
          version: 1,
          runId,
          name: nameOf(graph),
          hz: this.runs.telemetryHzOf(runId) ?? 10,
          graph,
          runTokenHash: hashToken(access.runToken),
          watchTokenHash: hashToken(access.watchToken),
          timeline: [...live.timeline.all],
          recording: live.rec.toData(),
        });
        for (const gone of await pruneRecordingFiles(this.dataDir, this.limits.keepRecordings))
          this.cache.delete(`run:${gone}`);
      } catch (err) {
        this.onError(err, runId);
      } finally {
        this.ending.delete(runId);
      }
    })();
    this.writes.add(write);
    void write.finally(() => this.writes.delete(write));
  }

  private graphOf(runId: string): unknown {
    try {
      return this.runs.info(runId).graph;
    } catch {
      return undefined;
    }
  }

  private guard(runId: string, fn: () => void): void {
    try {
      fn();
    } catch (err) {
      this.onError(err, runId);
    }
  }
}

const nameOf = (graph: unknown): string => {
  const name = (graph as { name?: unknown } | undefined)?.name;
  return typeof name === 'string' ? name : 'untitled';
};
