import { describe, expect, it } from 'vitest';
import { collector, contextFor } from '../test-helpers/node-context.js';
import { addKeyValues } from './key-values.js';
import { compilePattern } from './log-line-parser.js';
import { createParseLog } from './parse-log.js';

const line = (id: number, text: string) => ({ id, ts: 5_000, line: text });

describe('parse-log, format pipe', () => {
  it('splits time|level|message and lifts key=value pairs, numbers as numbers', () => {
    // ARRANGE
    const node = createParseLog(contextFor('parse-log'));
    const c = collector();
    const text =
      '2024-03-14T09:00:00.434Z|ERROR|POST /api/checkout status=504 latencyMs=5012 service=payments error="upstream timeout"';
    // ACT
    node.process([line(7, text)], c.emit, 0, 0);
    // ASSERT — the line itself is not kept; id and ts are
    expect(c.take()).toEqual([
      {
        id: 7,
        ts: 5_000,
        time: '2024-03-14T09:00:00.434Z',
        level: 'ERROR',
        message: 'POST /api/checkout status=504 latencyMs=5012 service=payments error="upstream timeout"',
        status: 504,
        latencyMs: 5012,
        service: 'payments',
        error: 'upstream timeout',
      },
    ]);
  });

  it('keeps a message’s own | and trims spaces; pairs never replace id, ts, time, level or message', () => {
    const node = createParseLog(contextFor('parse-log'));
    const c = collector();
    node.process(
      [line(1, ' t1 | WARN |a|b ts=9 id=3 level=x message=y time=z n=-1.5e3 v=01 x=')],
      c.emit,
      0,
      0,
    );
    expect(c.take()).toEqual([
      {
        id: 1,
        ts: 5_000,
        time: 't1',
        level: 'WARN',
        message: 'a|b ts=9 id=3 level=x message=y time=z n=-1.5e3 v=01 x=',
        n: -1500,
        v: '01',
        x: '',
      },
    ]);
  });

  it('with keyValues off, only the three fields', () => {
    const node = createParseLog(contextFor('parse-log', { keyValues: false }));
    const c = collector();
    node.process([line(1, 't|INFO|status=200')], c.emit, 0, 0);
    expect(c.take()).toEqual([{ id: 1, ts: 5_000, time: 't', level: 'INFO', message: 'status=200' }]);
  });
});

describe('parse-log, format pattern', () => {
  it('matches the whole line with a template of named patterns (RE2)', () => {
    const node = createParseLog(
      contextFor('parse-log', {
        format: 'pattern',
        errorPolicy: 'skip',
        pattern:
          '%{IP:client} - [%{TIMESTAMP:time}] "%{WORD:method} %{PATH:path}" %{INT:status} %{NUMBER:ms} %{QUOTED:agent}',
      }),
    );
    const c = collector();
    const failed: unknown[] = [];
    node.process(
      [
        line(1, '10.0.0.7 - [2024-03-14 09:00:01,5] "GET /a/b?c=1"   404 +0.25 "curl \\"8\\""'),
        line(2, 'garbage'),
      ],
      c.emit,
      0,
      0,
      (item) => failed.push(item.id),
    );
    expect(c.take()).toEqual([
      {
        id: 1,
        ts: 5_000,
        client: '10.0.0.7',
        time: '2024-03-14 09:00:01,5',
        method: 'GET',
        path: '/a/b?c=1',
        status: 404,
        ms: 0.25,
        agent: 'curl "8"',
      },
    ]);
    expect(failed).toEqual([2]);
  });

  it('the default template reads `time level message` lines, and message pairs become fields', () => {
    const node = createParseLog(contextFor('parse-log', { format: 'pattern' }));
    const c = collector();
    node.process([line(1, '2024-03-14T09:00:00Z warning disk low freeMb=12')], c.emit, 0, 0);
    expect(c.take()).toEqual([
      {
        id: 1,
        ts: 5_000,
        time: '2024-03-14T09:00:00Z',
        level: 'warning',
        message: 'disk low freeMb=12',
        freeMb: 12,
      },
    ]);
  });

  it('takes linear time on hostile lines (RE2, and a hand-written pair scanner)', () => {
    const parse = compilePattern('%{DATA:a} %{DATA:b} %{DATA:c}x');
    const hostile = `${'a '.repeat(50_000)}`;
    const t0 = performance.now();
    expect(parse(hostile)).toBeUndefined();
    const out: Record<string, unknown> = {};
    addKeyValues(`${'k="'.repeat(50_000)} ${'a'.repeat(100_000)}`, out);
    expect(performance.now() - t0).toBeLessThan(2_000);
  });
});

describe('parse-log failures', () => {
  const bad = [line(1, 'no pipes here'), { id: 2, ts: 5_000, line: 42 }, line(3, 't|INFO|fine')];

  it('reports each line that does not parse, saying why, and goes on (the executor applies the policy)', () => {
    const node = createParseLog(contextFor('parse-log', { errorPolicy: 'skip' }));
    const c = collector();
    const failed: Array<[unknown, string]> = [];
    node.process(bad, c.emit, 0, 0, (item, message) => failed.push([item.id, message]));
    expect(c.take().map((i) => i.id)).toEqual([3]);
    expect(failed).toEqual([
      [1, 'cannot parse line "no pipes here"'],
      [2, 'cannot parse item without a text field "line"'],
    ]);
  });

  it('driven without an executor, throws naming the line', () => {
    const node = createParseLog(contextFor('parse-log'));
    expect(() => node.process(bad, collector().emit, 0, 0)).toThrow(/cannot parse line "no pipes here"/);
  });
});
