import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RecordingResponse } from '../../shared/protocol/recording-api.js';
import { Recording } from '../../shared/recorder/recording.js';
import { realisticRun } from '../../shared/recorder/test-frames.js';
import { graphOf } from '../test-helpers/graph-of.js';
import { sendJson, startTestApp, type TestApp } from '../test-helpers/start-app.js';

// POST /api/recordings takes an untrusted file: whatever is wrong with it is a 400 naming the
// field (or 413 for its size), never a 500, and nothing of it is kept.

const graph = graphOf(
  [
    ['src', 'generator'],
    ['out', 'counter'],
  ],
  [['src', 'out']],
);

function fileOf(frames = realisticRun(3, 2, 10, 2)) {
  const rec = new Recording({ maxBytes: 1e9 });
  for (const f of frames) rec.append(f);
  rec.recordEvent({ t: 0, type: 'status', status: 'running' });
  return {
    format: 'sluice-recording',
    version: 1,
    name: 'imported',
    graph,
    hz: 10,
    recording: JSON.parse(JSON.stringify(rec.toData())) as Record<string, unknown> & {
      blocks: Array<{ appended: number; frames: unknown[][] }>;
      events: unknown[];
      paths: string[][];
    },
  };
}

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ maxRecordingMb: 1 });
});
afterAll(async () => {
  await app.close();
});

const post = (body: unknown) => sendJson('POST', `${app.url}/api/recordings`, body);
const firstPath = (res: { body: Record<string, unknown> }) =>
  (res.body.issues as Array<{ path: string }> | undefined)?.[0]?.path;

describe('POST /api/recordings', () => {
  it('imports a valid file: its frames read back exactly', async () => {
    const frames = realisticRun(3, 2, 10, 2);
    const res = await post(fileOf(frames));
    expect(res.status).toBe(201);
    const got = (await sendJson('GET', `${app.url}/api/recordings/${res.body.slug as string}`))
      .body as unknown as RecordingResponse;
    expect(got.frames).toStrictEqual(frames);
    expect(got.events).toEqual([{ t: 0, type: 'status', status: 'running' }]);
  });

  it('answers 400 naming the field for every kind of hostile file', async () => {
    const cases: Array<[string, (f: ReturnType<typeof fileOf>) => unknown]> = [
      ['version', (f) => ({ ...f, version: 2 })],
      ['format', (f) => ({ ...f, format: 'other' })],
      ['hz', (f) => ({ ...f, hz: 1e9 })],
      [
        'graph.nodes.0.id',
        (f) => ({ ...f, graph: { ...graph, nodes: [{ ...graph.nodes[0], id: 'constructor' }] } }),
      ],
      ['graph.nodes', (f) => ({ ...f, graph: { ...graph, nodes: 'none' } })],
      [
        'recording.__proto__',
        (f) => JSON.parse(JSON.stringify(f).replace('"thinned"', '"__proto__":{"x":1},"thinned"')),
      ],
      [
        'recording.paths.9',
        (f) => ({
          ...f,
          recording: {
            ...f.recording,
            paths: [...f.recording.paths.slice(0, 9), ['nodes', '__proto__', 'x']],
          },
        }),
      ],
      [
        'recording.blocks.0.frames.0',
        (f) => {
          f.recording.blocks[0]!.frames[0]![2] = '[0,99999,1]'; // a leaf id no path has
          return f;
        },
      ],
      [
        'recording.blocks.0.frames.1',
        (f) => {
          f.recording.blocks[0]!.frames[1]![2] = '[0,-1,"x"]';
          return f;
        },
      ],
      [
        'recording.events.0',
        (f) => {
          f.recording.events[0] = { t: 0, type: 'status', status: 'exploded' };
          return f;
        },
      ],
      [
        'recording.events',
        (f) => {
          f.recording.events = new Array(100_001).fill({ t: 0, type: 'x' });
          return f;
        },
      ],
      // Many frames, none of them a frame: refused at the first.
      [
        'recording.blocks.0.frames.0',
        (f) => {
          f.recording.blocks = new Array(60_000).fill({ appended: 1, frames: [[0, 0, '[0]']] });
          return f;
        },
      ],
    ];
    for (const [path, spoil] of cases) {
      const res = await post(spoil(fileOf()));
      expect({ path, status: res.status, at: firstPath(res) }).toEqual({ path, status: 400, at: path });
    }
  });

  it('413: a body over the upload limit, and a recording over SLUICE_MAX_RECORDING_MB', async () => {
    const huge = fileOf();
    huge.recording.events = [
      { t: 0, type: 'status', status: 'running', reason: 'x'.repeat(3.5 * 1024 * 1024) },
    ];
    const body = await post(huge);
    expect(body.status).toBe(413);
    expect(body.body.message).toContain('SLUICE_MAX_RECORDING_MB');

    const big = await post(fileOf(realisticRun(60, 60, 10, 20)));
    expect(big.status).toBe(413);
    expect(body.body.error).toBe('too_large');
    expect(big.body.message).toMatch(
      /the recording is [\d.]+ MB; the limit maxRecordingMb \(SLUICE_MAX_RECORDING_MB\) is 1 MB/,
    );
  });
});
