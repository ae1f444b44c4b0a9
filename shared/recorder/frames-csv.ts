import type { EdgeTelemetry, NodeTelemetry, TelemetryFrame } from '../protocol/telemetry.js';

/**
 * A run's series as CSV (issue 20): one row per node and per edge per frame, for a spreadsheet or
 * pandas. Columns are fixed (a node row leaves the edge columns empty and the other way round), so
 * every file of every run reads the same way.
 */
const EDGE_COLUMNS = [
  'depth',
  'capacity',
  'inRate',
  'outRate',
  'dropped',
  'expired',
  'emptied',
  'blockedRatio',
  'oldestAgeMs',
  'meanWaitMs',
] as const satisfies ReadonlyArray<keyof EdgeTelemetry>;
const NODE_COLUMNS = [
  'busy',
  'idle',
  'backpressured',
  'p50Ms',
  'p99Ms',
  'processed',
  'errors',
  'rejected',
  'utilization',
  // Where the error policy sent failed items: without them a node's errors did not add up.
  'deadLettered',
  'skipped',
] as const satisfies ReadonlyArray<keyof NodeTelemetry>;
/** A rate limiter's admissions and drops per second (its `limiter` block), to set against its sink. */
const LIMITER_COLUMNS = ['allowedRate', 'limitedRate'] as const satisfies ReadonlyArray<
  keyof NonNullable<NodeTelemetry['limiter']>
>;
/** `inRate`, `outRate` and `dropped` are shared by both kinds: one column each. */
const SHARED = new Set<string>(['inRate', 'outRate', 'dropped']);

export const CSV_COLUMNS: readonly string[] = [
  't',
  'kind',
  'id',
  ...EDGE_COLUMNS,
  ...NODE_COLUMNS.filter((c) => !SHARED.has(c)),
  ...LIMITER_COLUMNS,
];
const LIMITER = new Set<string>(LIMITER_COLUMNS);

/** The header line, with its newline. */
export function csvHeader(): string {
  return `${CSV_COLUMNS.join(',')}\n`;
}

/**
 * A cell a spreadsheet shows as text: ids may start with `-` (idSchema allows it), which Excel
 * would read as a formula, so such a cell gets a leading `'`; ids hold no comma or quote.
 */
function idCell(id: string): string {
  return /^[-+=@]/.test(id) ? `'${id}` : id;
}

function num(v: unknown): string {
  return typeof v === 'number' && Number.isFinite(v) ? String(v) : '';
}

/**
 * The rows of one frame, edges then nodes, each ending in a newline.
 *
 * @example csvRows({ t: 100, edges: { q: { depth: 3, … } }, nodes: {} , …}) // "100,edge,q,3,…\n"
 */
export function csvRows(frame: TelemetryFrame): string {
  let out = '';
  const t = num(frame.t);
  for (const [id, e] of Object.entries(frame.edges)) {
    const row = [t, 'edge', idCell(id)];
    for (const c of CSV_COLUMNS.slice(3)) row.push(num((e as unknown as Record<string, unknown>)[c]));
    out += `${row.join(',')}\n`;
  }
  for (const [id, n] of Object.entries(frame.nodes)) {
    const row = [t, 'node', idCell(id)];
    const limiter = (n.limiter ?? {}) as unknown as Record<string, unknown>;
    for (const c of CSV_COLUMNS.slice(3))
      row.push(num(LIMITER.has(c) ? limiter[c] : (n as unknown as Record<string, unknown>)[c]));
    out += `${row.join(',')}\n`;
  }
  return out;
}
