/**
 * Writes one sample at slot `i` of a set of per-series columns (`capacity` slots each): series
 * missing from `values` get a gap (NaN), a series seen for the first time gets a new column,
 * NaN everywhere before `i`. Shared by the live ring and the whole-run history.
 *
 * @example
 * writeSample(cols, 2000, 17, new Map([['src.out', 498]]));
 */
export function writeSample(
  cols: Map<string, Float32Array>,
  capacity: number,
  i: number,
  values: ReadonlyMap<string, number>,
): void {
  for (const [key, col] of cols) col[i] = values.get(key) ?? Number.NaN;
  for (const [key, v] of values) {
    if (cols.has(key)) continue;
    const col = new Float32Array(capacity).fill(Number.NaN);
    col[i] = v;
    cols.set(key, col);
  }
}
