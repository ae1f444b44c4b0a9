import { describe, expect, it } from 'vitest';
import { HEARTBEAT_MS, RUNNER_DEAD_AFTER_MS } from '../../../shared/protocol/cluster.js';
import { clusterSummary, heartbeatLevel, partsText } from './cluster-view.js';

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

describe('partsText', () => {
  it('names the parts of this page’s run and counts the other runs', () => {
    // Found by the new-user pass: which runner ran p2 was only in a tooltip on the runner's id.
    expect(partsText(['r1/p2', 'r1/main', 'r9/main'], 'r1')).toBe('p2, main · 1 other run');
    expect(partsText(['r1/work#1'], 'r1')).toBe('work#1');
    expect(partsText(['r8/main', 'r9/main', 'r9/p2'], 'r1')).toBe('2 runs');
    expect(partsText(['r9/main'], null)).toBe('1 run');
    expect(partsText([], 'r1')).toBe('idle');
  });
});
