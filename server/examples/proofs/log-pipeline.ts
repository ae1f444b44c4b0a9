import { expect } from 'vitest';
import type { Example } from '../../../shared/examples/example-schema.js';
import { INCIDENT, SAMPLE_LOG_START } from '../../runtime/data/make-sample-log.js';
import { sampleLogLines } from '../../runtime/nodes/sample-log.js';
import { expectNear, type Measured, round, withLesson } from '../lesson-harness.js';
import { expectLittle } from '../little.js';

//   replay ──▶ parse ──▶ errors-and-warnings ──▶ per-level (tumbling, by level) ──▶ watch-errors ─┬─out────▶ counts
//                                                                                                └─alerts─▶ alerts

/** The test plays the lesson 5× faster: replay rate × 5 and windows ÷ 5, so each window still covers 10 s of log. */
const SPEED = 5;

/** Where the incident's ERROR burst is in the log, as line numbers (the replay counts lines). */
function burstLines(): { from: number; to: number; total: number } {
  const lines = sampleLogLines();
  const at = (i: number) => Date.parse(lines[i]!.slice(0, lines[i]!.indexOf('|'))) - SAMPLE_LOG_START;
  const from = lines.findIndex((_, i) => at(i) >= INCIDENT.errorFromMs);
  const to = lines.findIndex((_, i) => at(i) >= INCIDENT.errorToMs);
  return { from, to, total: lines.length };
}

function faster(example: Example): Example {
  const copy = structuredClone(example);
  const params = (id: string) => copy.graph.nodes.find((n) => n.id === id)!.params!;
  (params('replay').rate as number) *= SPEED;
  (params('per-level').sizeMs as number) /= SPEED;
  return copy;
}

export function proveLogPipeline(example: Example): Promise<Measured> {
  return withLesson(faster(example), { keep: ['alerts', 'counts'] }, async (lesson) => {
    const [, , longerPending] = example.lesson.steps;
    const burst = burstLines();
    const rate = example.graph.nodes.find((n) => n.id === 'replay')!.params!.rate as number;
    const alerts = () => (lesson.received.alerts ?? []).map((a) => `${a.previous}→${a.state}`);
    const linesWhen = (alertCount: number) =>
      lesson.frames.find((f) => f.nodes.alerts!.processed >= alertCount)!.nodes.replay!.processed;

    // Step 1: the chain narrows the stream.
    const early = await lesson.watch(1500);
    for (const id of ['lines', 'parsed']) expectLittle(early.frames, id);
    expectNear(early.rate('replay'), rate * SPEED, 0.1, 'the replay keeps its pace');
    const processed = (id: string) => early.perSecond((f) => f.nodes[id]!.processed);
    const kept = processed('per-level') / processed('parse');
    expect(kept, 'share of lines that are ERROR or WARN').toBeGreaterThan(0.04);
    expect(kept).toBeLessThan(0.12);
    expect(alerts(), 'no alert before the incident').toEqual([]);

    // Step 2: Pending → Alerting during the burst, Normal again after it.
    await lesson.until('the alert to clear', (f) => f.nodes.alerts!.processed >= 3, 4000);
    expect(alerts()).toEqual(['Normal→Pending', 'Pending→Alerting', 'Alerting→Normal']);
    const console = lesson.consoleLines.alerts ?? [];
    expect(
      console.map((l) => l.slice(0, l.indexOf(':'))),
      'the run console',
    ).toEqual(['Normal → Pending', 'Pending → Alerting', 'Alerting → Normal']);
    const raisedAt = linesWhen(2);
    const clearedAt = linesWhen(3);
    const slack = 250; // a window closes on the next kept line after its end; frames come every 100 lines
    expect(raisedAt, 'alert raised inside the burst (lines replayed)').toBeGreaterThan(burst.from);
    expect(raisedAt).toBeLessThan(burst.to + slack);
    expect(clearedAt, 'cleared after the burst (lines replayed)').toBeGreaterThan(burst.to);
    const errorCounts = (lesson.received.counts ?? [])
      .filter((w) => w.key === 'ERROR')
      .map((w) => w.count as number);
    const peak = Math.max(...errorCounts);
    expect(peak, 'ERROR count per window in the burst').toBeGreaterThan(30);

    // Step 3: a pending period longer than the burst: the next incident goes Pending and back, no alert.
    lesson.applyStep(longerPending!);
    await lesson.until(
      'the log to start over and pass the incident again',
      (f) => f.nodes.replay!.processed >= burst.total + burst.to + slack,
      ((burst.total + burst.to + slack) / (rate * SPEED)) * 1000 * 1.5,
    );
    expect(alerts().slice(3)).toEqual(['Normal→Pending', 'Pending→Normal']);

    return {
      replayPerS: round(early.rate('replay')),
      keptShare: round(kept, 3),
      burstLines: `${burst.from}–${burst.to}`,
      raisedAtLine: raisedAt,
      clearedAtLine: clearedAt,
      peakErrorsPerWindow: peak,
      secondIncident: alerts().slice(3).join(', '),
      consoleLine: (lesson.consoleLines.alerts ?? [])[1] ?? '',
    };
  });
}
