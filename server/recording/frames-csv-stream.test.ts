import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { Recording } from '../../shared/recorder/recording.js';
import { realisticRun } from '../../shared/recorder/test-frames.js';
import { writeFramesCsv } from './frames-csv-stream.js';
import type { RecordingView } from './run-recordings.js';

describe('writeFramesCsv', () => {
  it('waits for a slow reader without piling up listeners: every row arrives, none left behind', async () => {
    // ARRANGE: 60 s of a 20-node run, and a socket that takes 1 kB at a time.
    const rec = new Recording({ maxBytes: 64 * 1024 * 1024 });
    const frames = realisticRun(20, 19, 10, 60);
    for (const f of frames) rec.append(f);
    const view = { rec } as unknown as RecordingView;
    const chunks: string[] = [];
    let most = 0;
    const out = new Writable({
      highWaterMark: 1024,
      write(chunk, _enc, done) {
        chunks.push(String(chunk));
        most = Math.max(most, out.listenerCount('close'), out.listenerCount('error'));
        setImmediate(done);
      },
    });
    // ACT
    await writeFramesCsv(view, out);
    // ASSERT: a row per node and edge per frame after the header; listeners stayed few.
    const lines = chunks.join('').trimEnd().split('\n');
    expect(lines).toHaveLength(1 + frames.length * (20 + 19));
    expect(most).toBeLessThan(5);
  });
});
