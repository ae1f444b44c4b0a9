import type { Example } from '../example-schema.js';
import { edge, node } from '../layout.js';

export const logPipeline: Example = {
  id: 'log-pipeline',
  title: 'Log pipeline with an anomaly alert',
  summary:
    'A web shop’s log replayed 20× faster than it was written: parse each line, keep ERROR and WARN, count them per level in half-second windows, and watch the ERROR count.\n' +
    'Two thirds of the way through, the payments service fails: the anomaly node goes Pending, then Alerting, and back to Normal when the burst is over.',
  lesson: {
    steps: [
      {
        look: 'The rates along the chain: replay, parse, filter, window.',
        change: 'Nothing yet: start the run.',
        see: 'About 200 lines/s are parsed and, outside the incident, under 10 % pass the filter (background WARNs and ERRORs); the window emits a count per level every half second, each covering 10 s of the log.',
        why: 'Each stage narrows the stream: the filter drops what nobody alerts on, the window turns a stream of lines into a few numbers per interval. Downstream of a window, rates are per window, not per line.',
      },
      {
        look: 'The run console, where the alerts sink writes each state change, about 12 s into the run.',
        change: 'Wait for the incident, two thirds of the way through the log.',
        see: 'The ERROR count per window jumps from 1 or 2 to about 70. The anomaly node emits Normal → Pending, then Pending → Alerting a window later, and Alerting → Normal a few seconds after the burst, once three windows with normal counts have passed.',
        why: 'The anomaly node keeps the mean and standard deviation of the last normal windows. A count more than k = 3 standard deviations and at least 10 above the mean is anomalous; two in a row raise the alert and three normal ones clear it. Anomalous points stay out of the baseline, so a long incident never becomes the new normal. Its field, if key == "ERROR" then count else null, judges the ERROR windows and lets the WARN ones pass unjudged.',
      },
      {
        look: 'The run console when the log starts over (every 20 s) and the incident comes round again.',
        change: 'Raise the anomaly node’s pendingPoints from 2 to 6.',
        see: 'This time the node goes Pending and back to Normal: no alert. The burst is about 1.8 s long, so it makes at most five anomalous windows in a row, one short of six.',
        why: 'pendingPoints is the alert’s “for” clause: requiring a longer run of anomalous points filters out blips, but an incident shorter than the pending period is never reported. Size it against the shortest incident you must not miss.',
        patch: { nodes: { 'watch-errors': { pendingPoints: 6 } } },
      },
    ],
  },
  graph: {
    schemaVersion: 1,
    name: 'Log pipeline with an anomaly alert',
    nodes: [
      // Two lines of three, read like text: the filter's output wraps round to the window below
      // the replay, so the whole pipeline is framed with readable numbers from 1280 × 720.
      node('replay', 'log-replay', 0, 0, { rate: 200, atEnd: 'restart' }),
      node('parse', 'parse-log', 1, 0),
      node('errors-and-warnings', 'filter', 2, 0, { expression: 'level == "ERROR" or level == "WARN"' }),
      node('per-level', 'window', 0, 1, { type: 'tumbling', sizeMs: 500, key: 'level' }),
      node('watch-errors', 'anomaly', 1, 1, {
        field: 'if key == "ERROR" then count else null',
        windowSize: 30,
        warmupPoints: 5,
        k: 3,
        minDeviation: 10,
        direction: 'above',
        pendingPoints: 2,
        clearPoints: 3,
      }),
      node('counts', 'counter', 2, 1),
      node('alerts', 'log', 2, 2, {
        format: '{previous} → {state}: {value} ERRORs in the last window',
      }),
    ],
    edges: [
      edge('lines', 'replay', 'parse'),
      edge('parsed', 'parse', 'errors-and-warnings'),
      edge('kept', 'errors-and-warnings', 'per-level'),
      edge('windows', 'per-level', 'watch-errors'),
      edge('passed', 'watch-errors', 'counts'),
      edge('raised', 'watch-errors', 'alerts', { sourcePort: 'alerts' }),
    ],
  },
};
