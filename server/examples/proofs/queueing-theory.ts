import { md1, mmc } from '../../../shared/analysis/queueing.js';
import { compileGraph } from '../../../shared/compiler/compile.js';
import type { Example } from '../../../shared/examples/example-schema.js';
import type { TelemetryFrame } from '../../../shared/protocol/telemetry.js';
import { applyLiveEdit } from '../../http/live-edit.js';
import { startRun } from '../../runtime/start-run.js';
import { FakeClock } from '../../runtime/test-helpers/fake-clock.js';
import { expectNear, type Measured, mean, round } from '../lesson-harness.js';
import { expectLittle } from '../little.js';

//   source (Poisson 80/s) ──[queue: 1024, block]──▶ worker (exponential, 10 ms mean) ──▶ sink
//
// A model's mean is a long-run mean: at ρ 0.95 a queue takes minutes to show it, so this proof runs
// on the fake clock (20 minutes of run time in a few seconds), with the lesson's live edits.

/** Mean wait of every item that left the queue over `frames` (each frame's mean weighted by its items). */
function meanWait(frames: readonly TelemetryFrame[]): number {
  let items = 0;
  let ms = 0;
  for (const f of frames) {
    const q = f.edges.queue!;
    if (q.meanWaitMs === undefined) continue;
    items += q.outRate;
    ms += q.outRate * q.meanWaitMs;
  }
  return ms / items;
}

export async function proveQueueingTheory(example: Example): Promise<Measured> {
  const compiled = compileGraph(example.graph);
  if (!compiled.ok) throw new Error('queueing-theory does not compile');
  const plan = compiled.plan;
  const [, faster, constant] = example.lesson.steps;
  const clock = new FakeClock();
  const frames: TelemetryFrame[] = [];
  const run = startRun(plan, { runId: example.id, clock, telemetryHz: 10, onFrame: (f) => frames.push(f) });
  const stretch = async (settleMs: number, watchMs: number) => {
    await clock.advanceTo(clock.now() + settleMs);
    const from = frames.length;
    await clock.advanceTo(clock.now() + watchMs);
    return frames.slice(from);
  };
  try {
    // Step 1: M/M/1 at ρ 0.8, five minutes. Model: Wq = 40 ms, Lq = 3.2.
    const low = await stretch(10_000, 300_000);
    const rhoLow = mean(low.map((f) => f.nodes.worker!.utilization!));
    expectNear(rhoLow, 0.8, 0.05, 'worker ρ at 80/s');
    const waitLow = meanWait(low);
    expectNear(waitLow, mmc(80, 10, 1)!.waitMs, 0.15, 'mean wait at ρ 0.8 vs M/M/1 (ms)');
    const littleLow = expectLittle(low, 'queue');

    // Step 2: ρ 0.95, twenty minutes (its mean converges slowly). Model: Wq = 190 ms, Lq = 18.
    applyLiveEdit(run, plan, faster!.patch!);
    const high = await stretch(30_000, 1_200_000);
    expectNear(mean(high.map((f) => f.nodes.worker!.utilization!)), 0.95, 0.05, 'worker ρ at 95/s');
    const waitHigh = meanWait(high);
    expectNear(waitHigh, mmc(95, 10, 1)!.waitMs, 0.3, 'mean wait at ρ 0.95 vs M/M/1 (ms)');
    if (!(waitHigh > 3 * waitLow))
      throw new Error(`wait at ρ 0.95 (${waitHigh}) is not far above ρ 0.8's (${waitLow})`);
    const littleHigh = expectLittle(high, 'queue');

    // Step 3: constant service at the same ρ: M/D/1, half the wait (95 ms).
    applyLiveEdit(run, plan, constant!.patch!);
    const steady = await stretch(30_000, 600_000);
    const waitConstant = meanWait(steady);
    expectNear(
      waitConstant,
      md1(95, 10)!.waitMs,
      0.25,
      'mean wait at ρ 0.95, constant service, vs M/D/1 (ms)',
    );
    const littleConstant = expectLittle(steady, 'queue');

    // Nothing was lost, and the source was never held back by a full queue.
    if (run.totals().dropped !== 0) throw new Error('items were dropped');
    const blocked = Math.max(...frames.slice(0, -1).map((f) => f.edges.queue!.blockedRatio));
    if (blocked > 0) throw new Error(`the source was blocked (${blocked}): the queue filled`);

    return {
      rhoAt80: round(rhoLow, 3),
      waitMsAt80: round(waitLow),
      modelWaitMsAt80: 40,
      waitMsAt95: round(waitHigh),
      modelWaitMsAt95: 190,
      waitMsConstant: round(waitConstant),
      modelWaitMsConstant: 95,
      littleAt80: `${littleLow.depth} vs ${littleLow.little}`,
      littleAt95: `${littleHigh.depth} vs ${littleHigh.little}`,
      littleConstant: `${littleConstant.depth} vs ${littleConstant.little}`,
    };
  } finally {
    run.stop('abort');
    await clock.runUntil(run.done, 60_000);
  }
}
