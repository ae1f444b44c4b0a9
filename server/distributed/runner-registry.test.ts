import { describe, expect, it } from 'vitest';
import { RUNNER_DEAD_AFTER_MS, type RunnerHeartbeat } from '../../shared/protocol/cluster.js';
import { FakeClock } from '../runtime/test-helpers/fake-clock.js';
import { MAX_RUNNERS, RunnerRegistry } from './runner-registry.js';

const bytes = (v: unknown) => new TextEncoder().encode(typeof v === 'string' ? v : JSON.stringify(v));
const beat = (over: Partial<RunnerHeartbeat> = {}): RunnerHeartbeat => ({
  id: 'r1',
  host: 'box-a',
  slots: 4,
  parts: [],
  startedAt: 1000,
  at: 2000,
  version: '0.1.0',
  ...over,
});

function registry() {
  const clock = new FakeClock();
  const reg = new RunnerRegistry(clock);
  const dead: string[] = [];
  const joined: string[] = [];
  reg.onDead((id) => dead.push(id));
  reg.onJoin((id) => joined.push(id));
  return { clock, reg, dead, joined };
}

describe('runner registry (heartbeats on fake time)', () => {
  it('lists a runner from its heartbeat with slots in use and the age of its last beat', async () => {
    const { clock, reg, joined } = registry();
    reg.receive(bytes(beat({ parts: ['run1/main', 'run2/work#0'] })));
    await clock.advanceBy(700);
    expect(joined).toEqual(['r1']);
    expect(reg.alive()).toEqual([
      {
        id: 'r1',
        host: 'box-a',
        slots: 4,
        slotsInUse: 2,
        heartbeatAgeMs: 700,
        parts: ['run1/main', 'run2/work#0'],
      },
    ]);
    reg.receive(bytes(beat({ parts: [] })));
    expect(reg.alive()[0]).toMatchObject({ slotsInUse: 0, heartbeatAgeMs: 0 });
    expect(joined).toEqual(['r1']); // a second beat is not a second join
  });

  it('declares a runner dead once it is silent for RUNNER_DEAD_AFTER_MS, once, and not before', async () => {
    const { clock, reg, dead } = registry();
    reg.receive(bytes(beat()));
    // Beats every second keep it alive well past the limit.
    for (let t = 1; t <= 5; t++) {
      await clock.advanceBy(1000);
      reg.receive(bytes(beat()));
    }
    await clock.advanceBy(RUNNER_DEAD_AFTER_MS - 1);
    expect(dead).toEqual([]);
    expect(reg.isAlive('r1')).toBe(true);
    await clock.advanceBy(1);
    expect(dead).toEqual(['r1']);
    expect(reg.alive()).toEqual([]);
    expect(reg.list().map((r) => r.id)).toEqual(['r1']); // still listed for a while, as gone
    await clock.advanceBy(60_000);
    expect(dead).toEqual(['r1']);
    expect(reg.list()).toEqual([]); // then forgotten: the map does not grow with every runner ever seen
  });

  it('a dead runner that beats again rejoins; a restarted one (new startedAt) dies first, then joins', async () => {
    const { clock, reg, dead, joined } = registry();
    reg.receive(bytes(beat()));
    await clock.advanceBy(RUNNER_DEAD_AFTER_MS);
    reg.receive(bytes(beat()));
    expect(dead).toEqual(['r1']);
    expect(joined).toEqual(['r1', 'r1']);
    // Restarted within the dead interval: its parts died with the old process.
    reg.receive(bytes(beat({ startedAt: 5000 })));
    expect(dead).toEqual(['r1', 'r1']);
    expect(joined).toEqual(['r1', 'r1', 'r1']);
    expect(reg.alive()).toHaveLength(1);
  });

  it('ignores and counts what is not a heartbeat', () => {
    const { reg, joined } = registry();
    const bad = [
      'not json',
      '',
      'null',
      { ...beat(), id: 'a.b' }, // would change the start subject
      { ...beat(), id: '*' },
      { ...beat(), id: 'x'.repeat(65) },
      { ...beat(), slots: 0 },
      { ...beat(), slots: 2.5 },
      { ...beat(), parts: 'run1/main' },
      { ...beat(), parts: Array.from({ length: 1025 }, () => 'p') },
      { ...beat(), host: undefined },
    ];
    for (const b of bad) reg.receive(bytes(b));
    expect(reg.invalidHeartbeats).toBe(bad.length);
    expect(reg.list()).toEqual([]);
    expect(joined).toEqual([]);
  });

  it(`keeps at most ${MAX_RUNNERS} runners, making room by forgetting dead ones`, async () => {
    const { clock, reg } = registry();
    for (let i = 0; i < MAX_RUNNERS; i++) reg.receive(bytes(beat({ id: `r${i}` })));
    reg.receive(bytes(beat({ id: 'one-too-many' })));
    expect(reg.refusedRunners).toBe(1);
    expect(reg.list()).toHaveLength(MAX_RUNNERS);
    await clock.advanceBy(RUNNER_DEAD_AFTER_MS); // all dead, none forgotten yet
    reg.receive(bytes(beat({ id: 'newcomer' })));
    expect(reg.alive().map((r) => r.id)).toEqual(['newcomer']);
    expect(reg.list()).toHaveLength(MAX_RUNNERS);
    reg.close();
    expect(clock.pendingTimers).toBe(0);
  });
});
