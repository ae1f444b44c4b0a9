import { afterEach, describe, expect, it } from 'vitest';
import { FakeClock } from '../runtime/test-helpers/fake-clock.js';
import { graphOf } from '../test-helpers/graph-of.js';
import { sendJson, startRunOn, startTestApp, type TestApp } from '../test-helpers/start-app.js';

// What a recording costs, from real runs (the engine on the fake clock, at 10 Hz): bytes per
// node per second as the recorder counts them (Recording.byteSize), against the frames' JSON.
// 200 nodes for 10 s only: the engine on one shared core is the slow part, not the recorder.

let app: TestApp;
afterEach(async () => {
  await app?.close();
});

/** generator → (n − 2) workers → counter, a chain. */
function chain(n: number) {
  const nodes: Array<[string, string, Record<string, unknown>?]> = [['src', 'generator', { rate: 100 }]];
  for (let i = 1; i < n - 1; i++) nodes.push([`w${i}`, 'worker', { serviceTimeMs: 1 + (i % 3) }]);
  nodes.push(['out', 'counter']);
  return graphOf(
    nodes,
    nodes
      .slice(1)
      .map(([id], i) => [nodes[i]![0], id, { capacity: 50 }] as [string, string, Record<string, unknown>]),
  );
}

describe('recording size', () => {
  for (const [n, runMs] of [
    [10, 30_000],
    [200, 10_000],
  ] as const) {
    it(`${n} nodes: a few hundred bytes per node per second, several times under the frames' JSON`, async () => {
      const clock = new FakeClock();
      app = await startTestApp({}, { clock });
      const run = await startRunOn(app.url, chain(n));
      let raw = 0;
      let frames = 0;
      app.runs.on('frame', (f) => {
        if (f.runId !== run.runId) return;
        raw += JSON.stringify(f).length;
        frames++;
      });
      await clock.advanceBy(runMs);
      await sendJson('POST', `${app.url}/api/runs/${run.runId}/stop`, { mode: 'abort' }, run.auth);
      await clock.runUntil(app.runs.get(run.runId)!.done, clock.now() + 5_000);
      const view = (await app.recordings.view(run.runId))!;
      const seconds = view.rec.endT / 1000;
      const perNodeSecond = view.rec.byteSize / n / seconds;
      const rawPerNodeSecond = raw / n / seconds;
      console.log(
        `${n} nodes, ${seconds.toFixed(1)} s, ${frames} frames: ${Math.round(perNodeSecond)} B/node/s recorded (${(view.rec.byteSize / 1024).toFixed(0)} kB), frames' JSON ${Math.round(rawPerNodeSecond)} B/node/s (${(rawPerNodeSecond / perNodeSecond).toFixed(1)}×)`,
      );
      expect(view.rec.frameCount).toBe(frames);
      expect(view.rec.thinned).toBeNull();
      expect(perNodeSecond).toBeLessThan(rawPerNodeSecond / 3);
    }, 300_000);
  }
});
