import { afterEach, describe, expect, it, vi } from 'vitest';
import { sendJson, startTestApp, type TestApp } from './test-helpers/start-app.js';

let app: TestApp;
afterEach(async () => {
  await app?.close();
});

const scrape = async () => (await fetch(`${app.url}/metrics`)).text();

/** Every sample of the exposition, by its full series name (with labels). */
function samples(text: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const at = line.lastIndexOf(' ');
    out.set(line.slice(0, at), Number(line.slice(at + 1)));
  }
  return out;
}

//   src(2000/s) ──[cap 8, drop-newest]──▶ work(2 ms = 500/s) ──▶ out
const droppingGraph = {
  schemaVersion: 1,
  name: 'drops',
  nodes: [
    { id: 'src', kind: 'generator', params: { rate: 2000 } },
    { id: 'work', kind: 'worker', params: { serviceTimeMs: 2 } },
    { id: 'out', kind: 'counter', params: {} },
  ],
  edges: [
    { id: 'e1', source: 'src', target: 'work', capacity: 8, overflow: 'drop-newest' },
    { id: 'e2', source: 'work', target: 'out' },
  ],
};

describe('/metrics item counters', () => {
  it('exports _items_total counters that only increase, per run and server-wide, and no pre-smoothed rates', async () => {
    app = await startTestApp({}, { metrics: { runLabels: true } }); // per-run series are opt-in
    const { body } = await sendJson('POST', `${app.url}/api/runs`, { graph: droppingGraph });
    const runId = body.runId as string;
    const edgeIn = `sluice_edge_in_items_total{run_id="${runId}",edge_id="e1"}`;
    const edgeDropped = `sluice_edge_dropped_items_total{run_id="${runId}",edge_id="e1"}`;
    const nodeOut = `sluice_node_out_items_total{run_id="${runId}",node_id="src"}`;
    const runDropped = `sluice_run_dropped_items_total{run_id="${runId}"}`;

    let first = new Map<string, number>();
    await vi.waitFor(
      async () => {
        first = samples(await scrape());
        expect(first.get(edgeDropped)).toBeGreaterThan(0);
      },
      { timeout: 30_000, interval: 100 },
    );
    let second = new Map<string, number>();
    await vi.waitFor(
      async () => {
        second = samples(await scrape());
        expect(second.get(edgeIn)!).toBeGreaterThan(first.get(edgeIn)!);
      },
      { timeout: 30_000, interval: 100 },
    );
    // ASSERT: every counter of the run (and the server-wide ones) only went up between scrapes.
    const counters = [...first.keys()].filter((k) => /^sluice_[a-z_]*_items_total/.test(k));
    expect(counters).toEqual(expect.arrayContaining([edgeIn, edgeDropped, nodeOut, runDropped]));
    for (const k of counters) expect(second.get(k), k).toBeGreaterThanOrEqual(first.get(k)!);
    // Offered to e1 = what it accepted + what it dropped = what the source handed on.
    expect(second.get(nodeOut)).toBeGreaterThan(0);
    expect(second.get('sluice_emitted_items_total')).toBeGreaterThan(0);
    expect(second.get('sluice_dropped_items_total')).toBeGreaterThan(0);
    expect([...second.keys()].some((k) => k.includes('_per_second'))).toBe(false);

    // ACT: the run ends
    await sendJson(
      'POST',
      `${app.url}/api/runs/${runId}/stop`,
      { mode: 'abort' },
      { authorization: `Bearer ${body.runToken as string}` },
    );
    const result = await app.runs.get(runId)!.done;

    // ASSERT: per-run series are gone; the server-wide counters kept the run's final totals
    let after = new Map<string, number>();
    await vi.waitFor(async () => {
      const text = await scrape();
      expect(text).not.toContain(runId);
      after = samples(text);
    }, 30_000);
    expect(after.get('sluice_emitted_items_total')).toBe(result.totals.emitted);
    expect(after.get('sluice_dropped_items_total')).toBe(result.totals.dropped);
    expect(after.get('sluice_delivered_items_total')).toBe(result.totals.delivered);
    expect(after.get('sluice_rejected_items_total')).toBe(0);
  }, 120_000);
});
