/** uPlot's columns: x (run seconds) first, then one column per series. */
type Columns = ReadonlyArray<ReadonlyArray<number | null | undefined>>;

/**
 * The values a chart's legend shows: each series' newest non-empty value — at or before the
 * timeline's cursor while it is set (`cursor`, run seconds), so the legend agrees with the
 * canvas showing that instant instead of quoting the run's end beside it.
 *
 * @example legendValues([[1, 2, 3], [10, null, 30]], null) // [30]
 * @example legendValues([[1, 2, 3], [10, null, 30]], 2.5) // [10]
 */
export function legendValues(data: Columns, cursor: number | null): Array<number | null> {
  const xs = data[0] ?? [];
  let end = xs.length - 1;
  if (cursor !== null) while (end >= 0 && !((xs[end] ?? Number.POSITIVE_INFINITY) <= cursor)) end--;
  const out: Array<number | null> = [];
  for (let s = 1; s < data.length; s++) {
    const ys = data[s] ?? [];
    let v: number | null = null;
    for (let i = Math.min(end, ys.length - 1); i >= 0; i--) {
      const y = ys[i];
      if (y != null) {
        v = y;
        break;
      }
    }
    out.push(v);
  }
  return out;
}
