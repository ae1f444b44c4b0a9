import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { INCIDENT, makeSampleLog, SAMPLE_LOG_LINES, SAMPLE_LOG_START } from '../data/make-sample-log.js';
import { FakeClock } from '../test-helpers/fake-clock.js';
import { contextFor } from '../test-helpers/node-context.js';
import { createLogReplay } from './log-replay.js';
import { sampleLogCandidates, sampleLogLines } from './sample-log.js';

const LINES = ['a|INFO|one', 'b|WARN|two', 'c|ERROR|three'];

describe('log-replay', () => {
  it('emits { id, ts, line } at `rate` lines/s on the run clock, from the first line on', async () => {
    // ARRANGE — 10 lines/s, the schedule starting at 1000 ms
    const clock = new FakeClock();
    await clock.advanceTo(1000);
    const src = createLogReplay(contextFor('log-replay', { rate: 10 }, clock), LINES);
    // ACT / ASSERT
    expect(src.due(1099)).toBe(0);
    expect(src.nextDueAt(1099)).toBe(1100);
    expect(src.due(1250)).toBe(2);
    expect(src.make(2, 77)).toEqual([
      { id: 0, ts: 77, line: 'a|INFO|one' },
      { id: 1, ts: 77, line: 'b|WARN|two' },
    ]);
    expect(src.due(1250)).toBe(0);
    expect(src.nextDueAt(1250)).toBe(1300);
  });

  it('atEnd restart wraps around the file for ever; atEnd stop finishes after the last line', () => {
    const again = createLogReplay(contextFor('log-replay', { rate: null }), LINES);
    expect(again.make(7, 0).map((i) => i.line)).toEqual([...LINES, ...LINES, LINES[0]]);
    expect(again.finished).toBe(false);

    const once = createLogReplay(contextFor('log-replay', { rate: null, atEnd: 'stop' }), LINES);
    expect(once.due(0)).toBe(3);
    once.make(3, 0);
    expect(once.finished).toBe(true);
    expect(once.nextDueAt(0)).toBe(Number.POSITIVE_INFINITY);
  });

  it('with no lines it is finished at once and owes nothing (the executor asks `due` first)', () => {
    const empty = createLogReplay(contextFor('log-replay', { rate: null }), []);
    expect(empty.finished).toBe(true);
    expect(empty.due(0)).toBe(0);
  });

  it('closed loop: time held back is not owed; a live rate change restarts the schedule', () => {
    const clock = new FakeClock();
    const src = createLogReplay(contextFor('log-replay', { rate: 100 }, clock), LINES);
    src.make(src.due(100), 0); // 10 lines
    src.heldBack(500);
    expect(src.due(600)).toBe(0); // not 50 owed: the schedule moved on by the blocked time
    expect(src.due(700)).toBe(10);
    src.update({ ...contextFor('log-replay').params, rate: 1 }, 700);
    expect(src.due(1699)).toBe(0);
    expect(src.due(1700)).toBe(1);
  });
});

describe('the bundled sample log', () => {
  it('is exactly what make-sample-log generates (regenerate it with that script, never edit it)', () => {
    const committed = readFileSync(sampleLogCandidates()[0]!, 'utf8');
    expect(committed).toBe(makeSampleLog());
    expect(sampleLogLines()).toHaveLength(SAMPLE_LOG_LINES);
  });

  it('is found from the built output too (dist/server/server/runtime/nodes → server/runtime/data)', () => {
    const distModule = new URL('../../../dist/server/server/runtime/nodes/sample-log.js', import.meta.url)
      .href;
    const [, fallback] = sampleLogCandidates(distModule);
    expect(fallback).toBe(sampleLogCandidates()[0]);
  });

  it('is realistic: time|level|message, mostly INFO, and one ERROR burst of about 22 s', () => {
    const lines = sampleLogLines();
    const rows = lines.map((l) => {
      const [time, level, message] = l.split('|');
      return { t: Date.parse(time!) - SAMPLE_LOG_START, level: level!, message: message! };
    });
    const share = (level: string) => rows.filter((r) => r.level === level).length / rows.length;
    expect(share('INFO')).toBeGreaterThan(0.7);
    expect(share('DEBUG')).toBeGreaterThan(0.05);
    expect(share('WARN')).toBeGreaterThan(0.03);
    expect(rows.every((r, i) => i === 0 || r.t >= rows[i - 1]!.t)).toBe(true);
    expect(rows.filter((r) => /latencyMs=\d+/.test(r.message)).length).toBeGreaterThan(lines.length / 2);
    expect(rows.filter((r) => /status=\d{3}/.test(r.message)).length).toBeGreaterThan(lines.length / 2);
    // ERRORs per second of log time: about 0.15 outside the incident, more than 5 inside it
    const errorsPerS = (from: number, to: number) =>
      rows.filter((r) => r.level === 'ERROR' && r.t >= from && r.t < to).length / ((to - from) / 1000);
    const end = rows.at(-1)!.t;
    expect(errorsPerS(INCIDENT.errorFromMs, INCIDENT.errorToMs)).toBeGreaterThan(5);
    expect(errorsPerS(0, INCIDENT.warnFromMs)).toBeLessThan(0.3);
    expect(errorsPerS(INCIDENT.errorToMs, end)).toBeLessThan(0.3);
    expect(INCIDENT.errorToMs - INCIDENT.errorFromMs).toBeGreaterThanOrEqual(15_000);
    expect(INCIDENT.errorToMs - INCIDENT.errorFromMs).toBeLessThanOrEqual(30_000);
  });
});
