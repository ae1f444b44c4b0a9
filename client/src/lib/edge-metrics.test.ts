import { describe, expect, it } from 'vitest';
import { dropRateText, edgeMetricRows, fullIn } from './edge-metrics.js';
import { edgeTelemetry } from './test-telemetry.js';

const row = (rows: Array<[string, string]>, label: string) => rows.find(([k]) => k === label)?.[1];

describe('edgeMetricRows', () => {
  it('shows offered beside accepted, and the drop rate with its share, not only the total', () => {
    const t = edgeTelemetry({
      depth: 64,
      inRate: 500,
      outRate: 500,
      dropped: 40_000,
      offeredRate: 2000,
      dropRate: 1500,
    });
    const rows = edgeMetricRows(t);
    expect(row(rows, 'Arriving (accepted + dropped)')).toBe('2,000/s');
    expect(row(rows, 'In rate (accepted)')).toBe('500/s');
    expect(row(rows, 'Drop rate')).toBe('1,500/s (75%)');
    expect(row(rows, 'Dropped in total')).toBe('40k');
  });

  it('does not call arrivals accepted + dropped under drop-oldest, where every arrival is accepted', () => {
    // Found by the new-user pass: 'Arriving (accepted + dropped) 1,000/s', 'In rate (accepted)
    // 1,000/s' and 'Drop rate 751/s' did not add up.
    const t = edgeTelemetry({ depth: 32, inRate: 1000, outRate: 250, offeredRate: 1000, dropRate: 750 });
    const rows = edgeMetricRows(t, null, undefined, false, 'drop-oldest');
    expect(row(rows, 'Arriving')).toBe('1,000/s');
    expect(row(rows, 'In rate (all accepted)')).toBe('1,000/s');
    expect(row(rows, 'Drop rate (oldest evicted)')).toBe('750/s (75%)');
    expect(rows.some(([k]) => k.includes('accepted + dropped'))).toBe(false);
    // Little's law from the items that left falls short of the depth: the row says why.
    const withWait = edgeMetricRows({ ...t, meanWaitMs: 31 }, null, undefined, false, 'drop-oldest');
    expect(row(withWait, "Little's law: depth")).toBe(
      '≈ 250/s × 31 ms = 7.8 (measured 32); evicted items held places too, not counted in λ·W',
    );
    expect(
      row(edgeMetricRows(t, null, undefined, false, 'drop-newest'), 'Arriving (accepted + dropped)'),
    ).toBe('1,000/s');
  });

  it('after the run, shows the averages over it and says so', () => {
    const t = edgeTelemetry({ depth: 64, inRate: 510, outRate: 505, dropRate: 1490, offeredRate: 2000 });
    const rows = edgeMetricRows(t, { inRate: 498, outRate: 498, offeredRate: 1990, dropRate: 1492 }, 12.4);
    expect(rows[0]).toEqual(['Rates', 'avg over run (12.4 s)']);
    expect(row(rows, 'In rate (accepted)')).toBe('498/s');
    expect(row(rows, 'Arriving (accepted + dropped)')).toBe('1,990/s');
  });

  it('keeps the same rows, with dashes, before a run and from a server without drop rates', () => {
    expect(edgeMetricRows(undefined).map(([k]) => k)).toEqual(
      edgeMetricRows(edgeTelemetry()).map(([k]) => k),
    );
    expect(row(edgeMetricRows(edgeTelemetry({ inRate: 5 })), 'Drop rate')).toBe('—');
  });

  it('writes a drop rate alone when nothing was offered', () => {
    expect(dropRateText(0, 0)).toBe('0/s');
    expect(dropRateText(12.5, undefined)).toBe('13/s');
  });
});

describe('edgeMetricRows on a broker queue', () => {
  it('adds redelivered after the drops for a nats edge, and only for one', () => {
    const t = edgeTelemetry({ depth: 150, capacity: 200, transport: 'nats', redelivered: 37 });
    const rows = edgeMetricRows(t);
    const labels = rows.map(([k]) => k);
    expect(row(rows, 'Redelivered')).toBe('37');
    expect(labels.indexOf('Redelivered')).toBe(labels.indexOf('Dropped in total') + 1);
    expect(row(edgeMetricRows(edgeTelemetry({ depth: 1 })), 'Redelivered')).toBeUndefined();
  });

  it('before a run a broker edge still shows the row, as a dash', () => {
    expect(row(edgeMetricRows(undefined, null, undefined, true), 'Redelivered')).toBe('—');
  });
});

describe('fullIn', () => {
  it('is full now when the producer waited for room, though a batch was just taken (63/64)', () => {
    // The slow-consumer lesson's card read "not filling" beside "Producer blocked 76%".
    expect(fullIn(edgeTelemetry({ depth: 63, capacity: 64, blockedRatio: 0.76 }))).toBe('full now');
    expect(fullIn(edgeTelemetry({ depth: 64, capacity: 64 }))).toBe('full now');
    expect(fullIn(edgeTelemetry({ depth: 63, capacity: 64 }))).toBe('not filling');
    expect(fullIn(edgeTelemetry({ depth: 10, capacity: 64, etaFullMs: 1500 }))).toBe('1.5 s');
  });
});
