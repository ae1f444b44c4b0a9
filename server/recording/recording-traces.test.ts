import { afterEach, describe, expect, it } from 'vitest';
import type { SaveRecordingResponse } from '../../shared/protocol/recording-api.js';
import type { RecordingFile } from '../../shared/protocol/recording-file.js';
import type { RecordedTrace, TraceMessage, TracesResponse } from '../../shared/protocol/trace.js';
import { FakeClock } from '../runtime/test-helpers/fake-clock.js';
import {
  sendJson,
  slowConsumerGraph,
  startRunOn,
  startTestApp,
  type TestApp,
} from '../test-helpers/start-app.js';
import { until } from '../test-helpers/until.js';

// Followed items in recordings (issue 18) on the real app: a run on the fake clock (exact
// times), followed items' hops as a socket got them, read back from the run's recording, a saved
// recording, and an exported file imported again (hostile files refused naming the place).
//
//   src (2,000/s) ──e1 [64, block]──▶ work (2 ms) ──e2──▶ out

let app: TestApp;
let clock: FakeClock;
afterEach(async () => {
  await app?.close();
  app = undefined as unknown as TestApp;
});

const api = (method: string, p: string, body?: unknown, headers?: Record<string, string>) =>
  sendJson(method, `${app.url}/api${p}`, body, headers);

/** Each trace's hops as the socket carried them, in order. */
function fromSocket(messages: readonly TraceMessage[]): Map<string, TraceMessage['hops']> {
  const out = new Map<string, TraceMessage['hops']>();
  for (const m of messages) out.set(m.traceId, [...(out.get(m.traceId) ?? []), ...m.hops]);
  return out;
}

describe('followed items in recordings', () => {
  it('are kept on the frames’ time axis, read by window, saved, exported and imported', async () => {
    clock = new FakeClock();
    app = await startTestApp({}, { clock });
    const run = await startRunOn(app.url, slowConsumerGraph);
    const socket = await app.connect();
    const messages: TraceMessage[] = [];
    socket.on('run:trace', (m) => messages.push(m));
    await socket.emitWithAck('run:subscribe', { runId: run.runId, token: run.watchToken });
    await clock.advanceBy(1_000); // e1 is full by now
    const asked = await api('POST', `/runs/${run.runId}/trace`, { nodeId: 'src', count: 3 }, run.auth);
    expect(asked.status).toBe(201);
    const ids = asked.body.traceIds as string[];
    await clock.advanceBy(1_000);
    await until(
      () => messages.filter((m) => m.done).length,
      (n) => n >= 3,
      'three followed items done',
    );
    const sent = fromSocket(messages);

    // During the run: the whole run's window holds the three, hops as the socket sent them.
    const watch = { authorization: `Bearer ${run.watchToken}` };
    const all = await api('GET', `/runs/${run.runId}/traces`, undefined, watch);
    expect(all.status).toBe(200);
    const traces = (all.body as unknown as TracesResponse).traces;
    expect(traces.map((t) => t.traceId)).toEqual(ids);
    for (const t of traces) {
      expect(t.nodeId).toBe('src');
      expect(t.hops).toEqual(sent.get(t.traceId));
    }
    // On the frames' axis: the item was followed after 1 s of run time, and e1 was full.
    const first = traces[0]!;
    const enq = first.hops.find((h) => h.event === 'enqueued' && h.edgeId === 'e1')!;
    const deq = first.hops.find((h) => h.event === 'dequeued' && h.edgeId === 'e1')!;
    expect(enq.t).toBeGreaterThanOrEqual(1_000);
    expect(enq.t).toBeLessThan(1_100);
    expect(enq.depth).toBeGreaterThanOrEqual(40);
    expect(deq.waitMs).toBeCloseTo((enq.depth! + 1) * 2, -1);
    const frames = (await api('GET', `/runs/${run.runId}/frames`, undefined, watch)).body.frames as Array<{
      t: number;
    }>;
    expect(frames.some((f) => f.t >= enq.t && f.t <= enq.t + 100)).toBe(true);

    // A window: only the traces with hops in it (or on both sides of it).
    const inside = await api(
      'GET',
      `/runs/${run.runId}/traces?from=${enq.t + 1}&to=${enq.t + 2}`,
      undefined,
      watch,
    );
    expect((inside.body as unknown as TracesResponse).traces.map((t) => t.traceId)).toContain(first.traceId);
    const before = await api('GET', `/runs/${run.runId}/traces?from=0&to=900`, undefined, watch);
    expect((before.body as unknown as TracesResponse).traces).toEqual([]);
    const bad = await api('GET', `/runs/${run.runId}/traces?from=50&to=10`, undefined, watch);
    expect(bad.status).toBe(400);
    expect(bad.body.issues).toEqual([expect.objectContaining({ path: 'to' })]);
    expect((await api('GET', `/runs/${run.runId}/traces`)).status).toBe(401);

    // Stopped and saved: the saved recording answers the same traces.
    await api('POST', `/runs/${run.runId}/stop`, { mode: 'abort' }, run.auth);
    await clock.runUntil(app.runs.get(run.runId)!.done, clock.now() + 5_000);
    const saved = await api('POST', `/runs/${run.runId}/recording`, {}, run.auth);
    expect(saved.status).toBe(201);
    const { slug } = saved.body as unknown as SaveRecordingResponse;
    const fromSaved = (await api('GET', `/recordings/${slug}/traces?from=0`))
      .body as unknown as TracesResponse;
    expect(fromSaved.traces.map((t) => t.traceId)).toEqual(ids);
    expect(fromSaved.traces.every((t) => t.done)).toBe(true);
    expect(fromSaved.traces[0]!.hops).toEqual(first.hops);
    expect((await api('GET', `/recordings/${slug}/traces?to=x`)).body.issues).toEqual([
      expect.objectContaining({ path: 'to' }),
    ]);

    // Exported and imported: the same traces under a new slug.
    const file = (await api('GET', `/recordings/${slug}/export`)).body as unknown as RecordingFile;
    const imported = await api('POST', '/recordings', file);
    expect(imported.status).toBe(201);
    const again = (
      await api('GET', `/recordings/${(imported.body as unknown as SaveRecordingResponse).slug}/traces`)
    ).body as unknown as TracesResponse;
    expect(again.traces).toEqual(fromSaved.traces);

    // Hostile traces in a file: 400 naming the place, nothing stored.
    const withTraces = (edit: (traces: RecordedTrace[]) => void): unknown => {
      const copy = structuredClone(file) as RecordingFile & { recording: { traces: RecordedTrace[] } };
      edit(copy.recording.traces);
      return copy;
    };
    const cases: Array<[unknown, string]> = [
      [withTraces((t) => (t[0]!.traceId = '__proto__')), 'recording.traces.0.traceId'],
      [withTraces((t) => (t[1]!.traceId = t[0]!.traceId)), 'recording.traces.1.traceId'],
      [
        withTraces((t) => (t[0]!.hops[1]!.event = 'teleported' as 'enqueued')),
        'recording.traces.0.hops.1.event',
      ],
      [withTraces((t) => (t[2]!.hops[0]!.t = -5)), 'recording.traces.2.hops.0.t'],
      [withTraces((t) => (t[0]!.hops[0]!.edgeId = 'constructor')), 'recording.traces.0.hops.0.edgeId'],
      [withTraces((t) => Object.assign(t[0]!.hops[0]!, { run: 'code()' })), 'recording.traces.0.hops.0'],
      [withTraces((t) => t.push(...Array.from({ length: 1_001 }, () => t[0]!))), 'recording.traces'],
    ];
    for (const [body, path] of cases) {
      const res = await api('POST', '/recordings', body);
      expect(res.status, path).toBe(400);
      expect((res.body.issues as Array<{ path: string }>).map((i) => i.path)).toContain(path);
    }
  });
});
