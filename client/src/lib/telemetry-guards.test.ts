import { describe, expect, it } from 'vitest';
import { isRunStatusMessage, isTelemetryFrame, telemetryLagMs } from './telemetry-guards.js';

describe('payload guards', () => {
  it('accepts well-formed frames and rejects others', () => {
    expect(isTelemetryFrame({ runId: 'r1', seq: 1, t: 100, edges: {}, nodes: {} })).toBe(true);
    expect(isTelemetryFrame({ runId: 'r1', seq: '1', t: 100, edges: {}, nodes: {} })).toBe(false);
    expect(isTelemetryFrame({ runId: 'r1', seq: 1, t: 100, edges: [], nodes: {} })).toBe(false);
    expect(isTelemetryFrame(null)).toBe(false);
  });

  it('checks status messages against the known statuses', () => {
    expect(isRunStatusMessage({ runId: 'r1', status: 'stopped' })).toBe(true);
    expect(isRunStatusMessage({ runId: 'r1', status: 'exploded' })).toBe(false);
  });
});

describe('telemetryLagMs', () => {
  it('is zero on schedule and grows when frames are late', () => {
    expect(telemetryLagMs({ now: 1_050, lastFrameAt: 1_000, intervalMs: 100 })).toBe(0);
    expect(telemetryLagMs({ now: 1_800, lastFrameAt: 1_000, intervalMs: 100 })).toBe(700);
  });
});
