import fc from 'fast-check';
import type { TelemetryFrame } from '../protocol/telemetry.js';

/** Tests only: fast-check arbitraries for recordings. */

// Plain objects, as JSON.parse makes them (fast-check otherwise sometimes drops the prototype).
const record = (<T extends object>(
  model: { [K in keyof T]: fc.Arbitrary<T[K]> },
  opts?: { requiredKeys?: (keyof T)[] },
) => fc.record(model, { ...opts, noNullPrototype: true } as never)) as typeof fc.record;

// JSON numbers (frames arrive as JSON): no NaN, no infinities, no -0. Small integers often, so
// consecutive frames share values and deltas get exercised both ways.
const num = fc.oneof(
  fc.integer({ min: 0, max: 3 }),
  fc.double({ noNaN: true, noDefaultInfinity: true }).map((x) => (x === 0 ? 0 : x)),
);
// Not 'constructor': toStrictEqual compares .constructor to tell types apart.
const key = fc.constantFrom('a', 'b', 'c', '__proto__', 'x.y', 'né', 'toString');
const node = record(
  {
    inRate: num,
    outRate: num,
    busy: num,
    idle: num,
    backpressured: num,
    p50Ms: num,
    p99Ms: num,
    errors: num,
    processed: num,
    rejected: num,
    delta: record({ in: num, out: num }),
    limiter: record({ tokens: num, capacity: num, waiting: num, allowedRate: num, limitedRate: num }),
    replicas: fc.array(
      record({
        runner: key,
        inRate: num,
        outRate: num,
        busy: num,
        idle: num,
        backpressured: num,
        processed: num,
      }),
      { maxLength: 3 },
    ),
  },
  {
    requiredKeys: [
      'inRate',
      'outRate',
      'busy',
      'idle',
      'backpressured',
      'p50Ms',
      'p99Ms',
      'errors',
      'processed',
    ],
  },
);
const edge = record(
  {
    depth: num,
    capacity: num,
    inRate: num,
    outRate: num,
    dropped: num,
    blockedRatio: num,
    oldestAgeMs: num,
    etaFullMs: fc.option(num, { nil: null }),
    transport: fc.constantFrom('memory' as const, 'nats' as const),
    delta: record({ in: num, out: num, dropped: num }),
  },
  {
    requiredKeys: [
      'depth',
      'capacity',
      'inRate',
      'outRate',
      'dropped',
      'blockedRatio',
      'oldestAgeMs',
      'etaFullMs',
    ],
  },
);
// Object.fromEntries makes `__proto__` an own key, as JSON.parse does.
const entries = <T>(v: fc.Arbitrary<T>) =>
  fc.array(fc.tuple(key, v), { maxLength: 4 }).map((e) => Object.fromEntries(e));
export const frames = fc
  .array(
    record(
      {
        dt: fc.integer({ min: 0, max: 300 }),
        nodes: entries(node),
        edges: entries(edge),
        dtMs: num,
        totals: record({
          emitted: num,
          delivered: num,
          dropped: num,
          errors: num,
          rejected: num,
          deadLettered: num,
          skipped: num,
        }),
      },
      { requiredKeys: ['dt', 'nodes', 'edges'] },
    ),
    { minLength: 1, maxLength: 40 },
  )
  .map((list) => {
    let t = 0;
    return list.map(({ dt, ...rest }, seq): TelemetryFrame => {
      t += dt;
      return { runId: 'r', seq, t, ...rest };
    });
  });
export const events = fc.array(
  record({ t: fc.integer({ min: 0, max: 12_000 }), type: fc.constantFrom('status', 'edit'), to: key }),
  { maxLength: 8 },
);
