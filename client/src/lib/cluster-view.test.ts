import { describe, expect, it } from 'vitest';
import { HEARTBEAT_MS, RUNNER_DEAD_AFTER_MS } from '../../../shared/protocol/cluster.js';
import { clusterSummary, heartbeatLevel } from './cluster-view.js';

describe('heartbeatLevel', () => {
  it('is ok within two beats, late after, dead from the line the server uses', () => {
    expect(heartbeatLevel(0)).toBe('ok');
    expect(heartbeatLevel(2 * HEARTBEAT_MS)).toBe('ok');
    expect(heartbeatLevel(2 * HEARTBEAT_MS + 1)).toBe('late');
    expect(heartbeatLevel(RUNNER_DEAD_AFTER_MS - 1)).toBe('late');
    expect(heartbeatLevel(RUNNER_DEAD_AFTER_MS)).toBe('dead');
  });
});

describe('clusterSummary', () => {
  it('counts runners and the slots in use over all of them', () => {
    expect(
      clusterSummary([
        { slots: 4, slotsInUse: 1 },
        { slots: 4, slotsInUse: 3 },
      ]),
    ).toBe('2 runners · 4 of 8 slots in use');
    expect(clusterSummary([{ slots: 1, slotsInUse: 0 }])).toBe('1 runner · 0 of 1 slot in use');
  });
});
