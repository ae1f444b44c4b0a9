import { z } from 'zod';
import { defineKind } from '../define-kind.js';
import { MAX_SOURCE_RATE } from './source-rates.js';

export const logReplayKind = defineKind({
  kind: 'log-replay',
  title: 'Log replay',
  category: 'source',
  icon: '☰',
  summary: 'Replays a bundled application log at a rate',
  docs:
    'Emits the lines of a bundled sample log (about 4,000 lines, `time|level|message`, about 7 minutes ' +
    'of a web service: mostly INFO with some DEBUG, WARN and ERROR, latencyMs=… and status=… fields, ' +
    'and one incident — a burst of ERRORs about 22 s long, two thirds of the way in) as items ' +
    '{ id, ts, line } at `rate` lines/s (null: as fast as the graph accepts). The log averages about ' +
    '10 lines per second of its own time, so rate 10 is real time and rate 100 is ten times faster. ' +
    '`ts` is the emission time, like every source. At the end of the file it starts again ' +
    '(atEnd restart) or stops (atEnd stop, which ends the run once everything has drained). Closed ' +
    'loop: backpressure slows the replay; open loop: lines that do not fit are rejected and counted.',
  inputs: [],
  outputs: ['out'],
  params: {
    rate: z
      .number()
      .min(0.1)
      .max(MAX_SOURCE_RATE)
      .nullable()
      .default(100)
      .describe('Lines per second; null = unlimited'),
    atEnd: z
      .enum(['restart', 'stop'])
      .default('restart')
      .describe('At the end of the log: start again from the first line, or stop'),
    loop: z
      .enum(['closed', 'open'])
      .default('closed')
      .describe('Closed: slowed by backpressure. Open: rejects'),
  },
  live: ['rate'],
});
