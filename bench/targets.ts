/**
 * Issue 21's (and 18's) runtime targets, each as measured in this one `npm run bench` run: ratios
 * of rows timed side by side, never numbers carried over from another run.
 */

export interface Target {
  what: string;
  /** The measured value, formatted; undefined when its rows could not run. */
  measured: string | undefined;
  goal: string;
  met: boolean | undefined;
  note?: string;
}

export const ratio = (x: number | undefined) => (x === undefined ? undefined : `${x.toFixed(2)}×`);
export const pct = (x: number | undefined) => (x === undefined ? undefined : `${(x * 100).toFixed(1)} %`);

/** `value` against a floor (`≥ goal`) or a ceiling (`≤ goal`). */
export function target(
  what: string,
  value: number | undefined,
  show: (x: number | undefined) => string | undefined,
  cmp: '≥' | '≤',
  goal: number,
  note?: string,
): Target {
  const met = value === undefined ? undefined : cmp === '≥' ? value >= goal : value <= goal;
  const t: Target = { what, measured: show(value), goal: `${cmp} ${show(goal)}`, met };
  if (note !== undefined) t.note = note;
  return t;
}

export function formatTargets(rows: Target[], loadavg: string): string {
  const cells = rows.map((r) => [
    r.what,
    r.measured ?? 'n/a',
    r.goal,
    r.met === undefined ? '' : r.met ? 'met' : 'NOT met',
    r.note ?? '',
  ]);
  const header = ['target (issue 21 / 18)', 'measured, this run', 'goal', '', 'notes'];
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: string[]) =>
    c
      .map((x, i) => x.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  return [
    `\nRuntime targets, from the rows above (same run; load average now ${loadavg})`,
    line(header),
    widths.map((w) => '-'.repeat(w)).join('  '),
    ...cells.map(line),
  ].join('\n');
}
