import { compileGraph } from '../../shared/compiler/compile.js';
import type { Plan } from '../../shared/compiler/plan.js';
import type { Example, LessonStep } from '../../shared/examples/example-schema.js';
import type { PatchRunParamsRequest } from '../../shared/protocol/api.js';
import type { EdgeTelemetry, NodeTelemetry, TelemetryFrame } from '../../shared/protocol/telemetry.js';
import { applyLiveEdit } from '../http/live-edit.js';
import type { Item } from '../runtime/node-behavior.js';
import { type Run, type RunResult, startRun } from '../runtime/start-run.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The frames of one stretch of a run, with the frame just before it as the base, so counters can
 * be turned into rates over exactly that stretch (rates in frames are over a sliding ≈1 s; a
 * counter difference is exact over any stretch).
 */
export class Span {
  constructor(
    readonly base: TelemetryFrame,
    readonly frames: readonly TelemetryFrame[],
    private readonly arrivals: Readonly<Record<string, readonly Arrival[]>> = {},
  ) {
    if (frames.length === 0) throw new Error('no telemetry frame arrived in this span');
  }

  get last(): TelemetryFrame {
    return this.frames.at(-1)!;
  }

  get seconds(): number {
    return (this.last.t - this.base.t) / 1000;
  }

  /**
   * Per second over the span, of a counter read from each frame: the exact average between the
   * span's ends, whatever happened in between (use it for bursty flows).
   */
  perSecond(counter: (f: TelemetryFrame) => number): number {
    return (counter(this.last) - counter(this.base)) / this.seconds;
  }

  /**
   * Per second, for a counter that grows steadily: the median slope over every pair of frames
   * (Theil–Sen). A frame sampled while a node had not run for a while (a GC pause, a late timer on a
   * loaded machine) reads low and skews a two-point rate by several percent; the median ignores it.
   */
  steadyPerSecond(counter: (f: TelemetryFrame) => number): number {
    const points = [this.base, ...this.frames].map((f) => [f.t, counter(f)] as const);
    const slopes: number[] = [];
    for (let i = 0; i < points.length; i++) {
      for (let j = i + 1; j < points.length; j++) {
        const dt = points[j]![0] - points[i]![0];
        if (dt > 0) slopes.push(((points[j]![1] - points[i]![1]) * 1000) / dt);
      }
    }
    return median(slopes);
  }

  /** Items a node handled per second over the span (its `processed` counter), for steady flows. */
  rate(nodeId: string): number {
    return this.steadyPerSecond((f) => node(f, nodeId).processed);
  }

  /**
   * Items per second an edge accepted over the last ≈1 s of the span (its `inRate`, an exact count
   * over that window). Use it for a blocked producer: a source's `processed` counts items as it
   * makes them, and a blocked source holds a whole batch it has made but not sent yet.
   */
  acceptedRate(edgeId: string): number {
    return edge(this.last, edgeId).inRate;
  }

  /** Items dropped per second by an edge's overflow policy over the span. */
  dropRate(edgeId: string): number {
    return this.steadyPerSecond((f) => edge(f, edgeId).dropped);
  }

  /**
   * End-to-end latency percentile (0–100) of the items a kept sink received during the span. The
   * sink's own `e2eP50Ms`/`e2eP99Ms` are over the last whole second, so they lag a change by up to
   * a second; this is exact for the span.
   */
  e2e(sinkId: string, percentile: number): number {
    const ms = (this.arrivals[sinkId] ?? []).map((a) => a.latencyMs).sort((a, b) => a - b);
    if (ms.length === 0) throw new Error(`no item reached "${sinkId}" in this span (is it kept?)`);
    return ms[Math.min(ms.length - 1, Math.floor((percentile / 100) * ms.length))]!;
  }

  nodes(nodeId: string): NodeTelemetry[] {
    return this.frames.map((f) => node(f, nodeId));
  }

  edges(edgeId: string): EdgeTelemetry[] {
    return this.frames.map((f) => edge(f, edgeId));
  }

  /**
   * What the UI shows for a node through the span: the median over its frames (10 Hz, as the app
   * sends them) of a number the canvas or inspector draws — `outRate`, a sink's `e2eP50Ms`.
   * Lessons promise what the user sees, so proofs read the same number, not a private probe.
   */
  shown(nodeId: string, read: (n: NodeTelemetry) => number | undefined): number {
    const xs = this.nodes(nodeId)
      .map(read)
      .filter((x): x is number => x !== undefined);
    if (xs.length === 0) throw new Error(`no frame of this span shows that number for "${nodeId}"`);
    return median(xs);
  }

  /** Mean of a node gauge (busy, backpressured, …) over the span's frames. */
  nodeMean(nodeId: string, read: (n: NodeTelemetry) => number): number {
    return mean(this.nodes(nodeId).map(read));
  }

  /** Fraction of the span's frames in which an edge was at least `share` full. */
  fullShare(edgeId: string, share = 0.9): number {
    const es = this.edges(edgeId);
    return es.filter((e) => e.depth >= share * e.capacity).length / es.length;
  }
}

/** An item reaching a sink: when (wall ms) and how long after its source emitted it. */
interface Arrival {
  at: number;
  latencyMs: number;
}

export const mean = (xs: readonly number[]) => xs.reduce((s, x) => s + x, 0) / Math.max(1, xs.length);

export function median(xs: number[]): number {
  if (xs.length === 0) throw new Error('no pair of frames to measure a rate from');
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function node(f: TelemetryFrame, id: string): NodeTelemetry {
  const n = f.nodes[id];
  if (!n) throw new Error(`frame ${f.seq} has no node "${id}"`);
  return n;
}

function edge(f: TelemetryFrame, id: string): EdgeTelemetry {
  const e = f.edges[id];
  if (!e) throw new Error(`frame ${f.seq} has no edge "${id}"`);
  return e;
}

/**
 * A lesson's graph running on the real runtime in this thread, watched through its telemetry.
 *
 * @example
 * const lesson = runLesson(example);
 * await lesson.watch(500); // settle
 * const span = await lesson.watch(1500);
 * lesson.applyStep(example.lesson.steps[1]!);
 */
export class LessonRun {
  readonly frames: TelemetryFrame[] = [];
  /** Items that reached each sink named in `keep`. */
  readonly received: Record<string, Item[]> = {};
  private readonly arrivals: Record<string, Arrival[]> = {};
  /** Lines each `log` sink sent to the run console. */
  readonly consoleLines: Record<string, string[]> = {};
  readonly run: Run;
  private readonly plan: Plan;

  constructor(example: Example, options: { telemetryHz?: number; keep?: readonly string[] } = {}) {
    const compiled = compileGraph(example.graph);
    if (!compiled.ok) throw new Error(`${example.id} does not compile: ${JSON.stringify(compiled.issues)}`);
    this.plan = compiled.plan;
    const keep = new Set(options.keep ?? []);
    this.run = startRun(this.plan, {
      runId: example.id,
      telemetryHz: options.telemetryHz ?? 10,
      onFrame: (f) => this.frames.push(f),
      onNodeMessage: (id, m) => {
        if (m.type !== 'log') return;
        this.consoleLines[id] ??= [];
        this.consoleLines[id].push(...m.lines);
      },
      probe: (id, items) => {
        if (!keep.has(id)) return;
        const at = Date.now();
        this.received[id] ??= [];
        this.arrivals[id] ??= [];
        const received = this.received[id];
        const arrivals = this.arrivals[id];
        for (const item of items) {
          received.push(item);
          arrivals.push({ at, latencyMs: at - (item.ts as number) });
        }
      },
    });
  }

  /** Waits `ms` and returns the frames that arrived meanwhile (the first watch of a run needs ≥ 300 ms). */
  async watch(ms: number): Promise<Span> {
    const from = this.frames.length;
    const startedAt = Date.now();
    await sleep(ms);
    if (this.run.status === 'failed') throw new Error(`the run failed: ${this.run.error?.message}`);
    const base = this.frames[from - 1] ?? this.frames[0];
    if (!base) throw new Error('no telemetry yet');
    const arrivals = Object.fromEntries(
      Object.entries(this.arrivals).map(([id, as]) => [id, as.filter((a) => a.at >= startedAt)]),
    );
    return new Span(base, this.frames.slice(Math.max(from, 1)), arrivals);
  }

  /** Waits until the latest frame satisfies `done` (checked every 20 ms); fails after `timeoutMs`. */
  async until(what: string, done: (frame: TelemetryFrame) => boolean, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const f = this.frames.at(-1);
      if (f && done(f)) return;
      if (this.run.status === 'failed') throw new Error(`the run failed: ${this.run.error?.message}`);
      if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
      await sleep(20);
    }
  }

  /** Applies a step's change the way `PATCH /api/runs/:runId/params` would (validated, all or nothing). */
  applyStep(step: LessonStep): void {
    if (!step.patch) throw new Error(`step "${step.change}" has no live patch`);
    this.apply(step.patch);
  }

  apply(patch: PatchRunParamsRequest): void {
    applyLiveEdit(this.run, this.plan, patch);
  }

  async stop(): Promise<RunResult> {
    this.run.stop('abort');
    return this.run.done;
  }
}

/** Runs `body` against a started lesson and always stops the run, even when an assertion fails. */
export async function withLesson<T>(
  example: Example,
  options: ConstructorParameters<typeof LessonRun>[1],
  body: (lesson: LessonRun) => Promise<T>,
): Promise<T> {
  const lesson = new LessonRun(example, options);
  try {
    return await body(lesson);
  } finally {
    await lesson.stop();
  }
}

/** What a proof measured, for the report (`SLUICE_LESSON_REPORT=1` prints it). */
export type Measured = Record<string, number | string>;

/**
 * Asserts `actual` is within a relative `tolerance` of `expected`, naming what was measured.
 *
 * @example expectNear(span.rate('source'), 500, 0.15, 'source rate')
 */
export function expectNear(actual: number, expected: number, tolerance: number, what: string): void {
  const off = Math.abs(actual - expected) / Math.abs(expected);
  if (!(off <= tolerance)) {
    throw new Error(
      `${what}: ${round(actual)} is ${Math.round(off * 100)} % off ${expected} (allowed ${tolerance * 100} %)`,
    );
  }
}

export const round = (x: number, digits = 1) => Math.round(x * 10 ** digits) / 10 ** digits;
