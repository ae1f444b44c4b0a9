import { afterEach, describe, expect, it, vi } from 'vitest';
import { tcpOf } from '../test-helpers/stall-socket.js';
import { startTestApp, type TestApp } from '../test-helpers/start-app.js';
import { RunPendingBytes } from './run-pending-bytes.js';
import { bufferedPackets } from './socket-pressure.js';
import { MAX_PENDING_BYTES, StreamOutbox } from './stream-outbox.js';

let app: TestApp;
afterEach(async () => {
  await app?.close();
});

/** A server-side socket whose client stopped reading, with engine.io's write buffer backed up. */
async function stalledServerSocket() {
  app = await startTestApp();
  const client = await app.connect();
  const socket = [...app.io.sockets.sockets.values()][0]!;
  tcpOf(client).pause();
  const filler = 'x'.repeat(256 * 1024);
  await vi.waitFor(
    () => {
      socket.emit('run:log', { runId: 'fill', nodeId: 'fill', lines: [filler], sampledOut: 0 });
      expect(bufferedPackets(socket)).toBeGreaterThan(0);
    },
    { timeout: 10_000, interval: 10 },
  );
  return socket;
}

const item = (id: number) => ({ id, payload: 'y'.repeat(1_900) }); // ≈2 KB, under the display cut

describe('StreamOutbox on a socket that is not reading', () => {
  it('holds at most MAX_PENDING_BYTES for it, drops the oldest past that, and releases all on dispose', async () => {
    const socket = await stalledServerSocket();
    const runBytes = new RunPendingBytes();
    const box = new StreamOutbox(socket, runBytes);
    // ACT: 2 000 items of ≈2 KB (≈4 MB) within the 2 000-item count bound.
    for (let i = 0; i < 2_000; i += 100)
      box.offer(
        'sink:items',
        'r1',
        'view',
        Array.from({ length: 100 }, (_, j) => item(i + j)),
      );
    expect(runBytes.of('r1')).toBeLessThanOrEqual(MAX_PENDING_BYTES);
    expect(runBytes.of('r1')).toBeGreaterThan(MAX_PENDING_BYTES - 2 * 2_100);
    box.dispose();
    expect(runBytes.of('r1')).toBe(0);
  });

  it("bounds a run's bytes over all its sockets", async () => {
    const socket = await stalledServerSocket();
    const runBytes = new RunPendingBytes(300_000);
    const boxes = [new StreamOutbox(socket, runBytes), new StreamOutbox(socket, runBytes)];
    for (const box of boxes)
      for (let i = 0; i < 1_000; i += 100)
        box.offer(
          'sink:items',
          'r1',
          'view',
          Array.from({ length: 100 }, (_, j) => item(i + j)),
        );
    expect(runBytes.of('r1')).toBeLessThanOrEqual(300_000);
    for (const box of boxes) box.forgetRun('r1');
    expect(runBytes.of('r1')).toBe(0);
  });
});
