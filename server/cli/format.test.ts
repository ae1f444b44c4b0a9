import { describe, expect, it } from 'vitest';
import { edgeTelemetry, nodeTelemetry } from '../../shared/analysis/test-telemetry.js';
import { progressLines } from './format.js';

describe('progressLines', () => {
  it('marks a replicated node ×N and a broker edge as nats, with what it redelivered', () => {
    // gen ──e1 [nats 200/200, 27 redelivered]──▶ work ×4 ──e2 [memory]──▶ out
    const replica = {
      runner: 'r1',
      inRate: 50,
      outRate: 50,
      busy: 1,
      idle: 0,
      backpressured: 0,
      processed: 10,
    };
    const lines = progressLines({
      runId: 'r',
      seq: 1,
      t: 1000,
      nodes: {
        gen: nodeTelemetry({ outRate: 200 }),
        work: nodeTelemetry({
          inRate: 200,
          outRate: 200,
          busy: 1,
          idle: 0,
          replicas: [1, 2, 3, 4].map(() => replica),
        }),
      },
      edges: {
        e1: edgeTelemetry({ depth: 200, capacity: 200, transport: 'nats', redelivered: 27 }),
        e2: edgeTelemetry({ depth: 3 }),
      },
    });
    expect(lines[1]).toMatch(/^ {2}gen {12}in/);
    expect(lines[2]).toMatch(/^ {2}work ×4 {8}in {4}200\/s/);
    expect(lines[3]).toBe('  e1             nats      200/200  blocked   0%  redelivered 27');
    expect(lines[4]).toBe('  e2             queue        3/64  blocked   0%');
  });
});
