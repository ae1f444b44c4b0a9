import { afterEach, describe, expect, it } from 'vitest';
import type { TelemetryFrame } from '../../shared/protocol/telemetry.js';
import { CSV_COLUMNS } from '../../shared/recorder/frames-csv.js';
import { FakeClock } from '../runtime/test-helpers/fake-clock.js';
import { graphOf } from '../test-helpers/graph-of.js';
import { sendJson, startRunOn, startTestApp, type TestApp } from '../test-helpers/start-app.js';
import { until } from '../test-helpers/until.js';

//   src(200/s) ──[e1: 50, drop-newest]──▶ work(10 ms) ──[e2: 10]──▶ out   (on the fake clock)
const pipeline = graphOf(
  [
    ['src', 'generator', { rate: 200 }],
    ['work', 'worker', { serviceTimeMs: 10 }],
    ['out', 'counter'],
  ],
  [
    ['src', 'work', { capacity: 50, overflow: 'drop-newest' }],
    ['work', 'out', { capacity: 10 }],
  ],
);

let app: TestApp | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

describe('GET /api/runs/:runId/frames.csv (issue 20)', () => {
  it('is every recorded frame as one row per edge and node, header first, to a run or watch token', async () => {
    // ARRANGE: a 3 s run, every frame its socket got kept
    const clock = new FakeClock();
    app = await startTestApp({}, { clock });
    const run = await startRunOn(app.url, pipeline);
    const socket = await app.connect();
    const frames: TelemetryFrame[] = [];
    socket.on('run:telemetry', (f) => frames.push(f));
    await socket.emitWithAck('run:subscribe', { runId: run.runId, token: run.watchToken });
    await clock.advanceBy(3_000);
    await sendJson('POST', `${app.url}/api/runs/${run.runId}/stop`, { mode: 'abort' }, run.auth);
    await clock.runUntil(app.runs.get(run.runId)!.done, clock.now() + 5_000);
    await until(
      () => frames.at(-1)?.totals?.emitted === app!.runs.get(run.runId)!.totals().emitted,
      Boolean,
      'the last frame',
    );
    // ACT
    const url = `${app.url}/api/runs/${run.runId}/frames.csv`;
    const res = await fetch(url, { headers: { authorization: `Bearer ${run.watchToken}` } });
    // ASSERT
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(res.headers.get('content-disposition')).toContain(`run-${run.runId}.csv`);
    const lines = (await res.text()).trimEnd().split('\n');
    expect(lines[0]).toBe(CSV_COLUMNS.join(','));
    expect(lines[0]!.startsWith('t,kind,id,depth,capacity,inRate,outRate,dropped,expired')).toBe(true);
    const rows = lines.slice(1).map((l) => l.split(','));
    expect(frames.length).toBeGreaterThan(25);
    expect(rows).toHaveLength(frames.length * 5);
    // Frame order, edges then nodes within a frame.
    expect(rows.slice(0, 5).map((r) => [r[1], r[2]])).toEqual([
      ['edge', 'e1'],
      ['edge', 'e2'],
      ['node', 'src'],
      ['node', 'work'],
      ['node', 'out'],
    ]);
    const col = (name: string) => CSV_COLUMNS.indexOf(name);
    const last = frames.at(-1)!;
    const lastE1 = rows.at(-5)!;
    expect(Number(lastE1[col('t')])).toBe(last.t);
    expect(Number(lastE1[col('dropped')])).toBe(last.edges.e1!.dropped);
    expect(Number(lastE1[col('dropped')])).toBeGreaterThan(0);
    expect(Number(rows.at(-1)![col('processed')])).toBe(last.nodes.out!.processed);
    expect(rows.at(-1)![col('depth')]).toBe(''); // a node row leaves edge columns empty
    const ts = rows.filter((r) => r[2] === 'e1').map((r) => Number(r[0]));
    expect(ts).toEqual(frames.map((f) => f.t));

    const anonymous = await fetch(url);
    expect(anonymous.status).toBe(401);

    // A saved recording of the run: the same CSV from its public slug, no token needed.
    const saved = await sendJson('POST', `${app.url}/api/runs/${run.runId}/recording`, undefined, run.auth);
    const slug = (saved.body as { slug: string }).slug;
    const fromSlug = await fetch(`${app.url}/api/recordings/${slug}/frames.csv`);
    expect(fromSlug.status).toBe(200);
    expect(fromSlug.headers.get('content-disposition')).toContain(`recording-${slug}.csv`);
    expect((await fromSlug.text()).trimEnd().split('\n')).toEqual(lines);
    expect((await fetch(`${app.url}/api/recordings/no-such-slug/frames.csv`)).status).toBe(404);
  });
});
