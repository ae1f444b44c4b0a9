import { describe, expect, it } from 'vitest';
import type { TelemetryFrame } from '../../../shared/protocol/telemetry.js';
import { INCIDENT, SAMPLE_LOG_START } from '../data/make-sample-log.js';
import type { Item } from '../node-behavior.js';
import { startRun } from '../start-run.js';
import { planOf } from '../test-graphs.js';
import { FakeClock } from '../test-helpers/fake-clock.js';
import { appendTo } from '../test-helpers/node-context.js';
import { sampleLogLines } from './sample-log.js';

const RATE = 50; // lines/s: the log replayed 5× faster than it was written

describe('the log pipeline (lesson 10), on fake time', () => {
  it('parse → filter ERROR → 1 s counts → anomaly: alerts during the ERROR burst, clears after', async () => {
    //   replay(50/s, once) ──▶ parse ──▶ errors(level == "ERROR") ──▶ perSecond(tumbling 1 s) ──▶ watch(anomaly on count)
    //                                                                                              ├─out────▶ counts
    //                                                                                              └─alerts─▶ alerts
    // ARRANGE
    const clock = new FakeClock();
    const got: Record<string, Item[]> = {};
    const frames: TelemetryFrame[] = [];
    const plan = planOf(
      [
        ['replay', 'log-replay', { rate: RATE, atEnd: 'stop' }],
        ['parse', 'parse-log', {}],
        ['errors', 'filter', { expression: 'level == "ERROR"' }],
        ['perSecond', 'window', { type: 'tumbling', sizeMs: 1_000 }],
        [
          'watch',
          'anomaly',
          {
            field: 'count',
            windowSize: 30,
            warmupPoints: 5,
            k: 3,
            minDeviation: 5,
            direction: 'above',
            pendingPoints: 2,
            clearPoints: 3,
          },
        ],
        ['counts', 'counter'],
        ['alerts', 'counter'],
      ],
      [
        ['replay', 'parse'],
        ['parse', 'errors'],
        ['errors', 'perSecond'],
        ['perSecond', 'watch'],
        ['watch', 'counts'],
        ['watch', 'alerts', { sourcePort: 'alerts' }],
      ],
    );
    // ACT
    const run = startRun(plan, {
      runId: 't',
      clock,
      probe: (id, items) => appendTo(got, id, items),
      onFrame: (f) => frames.push(f),
    });
    const result = await clock.runUntil(run.done, 200_000);
    // ASSERT
    expect(result.status).toBe('completed');
    expect(result.totals.emitted).toBe(4_000);
    const start = clock.wallNow() - clock.now();
    // Replay time of a log time: line i goes out (i + 1) / RATE s after the start.
    const lines = sampleLogLines().map((l) => Date.parse(l.slice(0, l.indexOf('|'))) - SAMPLE_LOG_START);
    const replayAt = (logMs: number) => start + ((lines.findIndex((t) => t >= logMs) + 1) * 1000) / RATE;
    const burstFrom = replayAt(INCIDENT.errorFromMs);
    const burstTo = replayAt(INCIDENT.errorToMs);
    // one alert episode: it goes Pending and Alerting inside the burst, and back to Normal after it
    expect(got.alerts!.map((a) => [a.previous, a.state])).toEqual([
      ['Normal', 'Pending'],
      ['Pending', 'Alerting'],
      ['Alerting', 'Normal'],
    ]);
    const [pending, alerting, cleared] = got.alerts!.map((a) => a.ts as number);
    expect(pending!).toBeGreaterThanOrEqual(burstFrom);
    expect(alerting!).toBeLessThan(burstFrom + 2_000);
    expect(cleared!).toBeGreaterThan(burstTo);
    expect(got.alerts![1]!.value as number).toBeGreaterThan(10 * (got.alerts![1]!.mean as number));
    // nothing lost on the way: the 1 s counts add up to the ERROR lines of the log
    const errorLines = sampleLogLines().filter((l) => l.split('|')[1] === 'ERROR').length;
    expect(got.counts!.reduce((s, w) => s + (w.count as number), 0)).toBe(errorLines);
    expect(frames.at(-1)!.nodes.parse!.processed).toBe(4_000);
  });
});
