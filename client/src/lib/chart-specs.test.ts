import { describe, expect, it } from 'vitest';
import { chartSubject } from './chart-specs.js';

const graph = (category: string, inputs: string[]) => ({
  category: () => category,
  inputsOf: () => inputs,
});
const depthTitle = (category: string, inputs: string[]) =>
  chartSubject({ type: 'node', id: 'n1' }, graph(category, inputs)).charts.find((c) => c.id === 'depth')
    ?.title;

describe('chartSubject', () => {
  it('charts the input queues of a connected node', () => {
    const subject = chartSubject({ type: 'node', id: 'n1' }, graph('transform', ['e1', 'e2']));
    expect(subject.label).toBe('Node n1');
    expect(subject.charts.find((c) => c.id === 'depth')?.series.map((s) => s.label)).toEqual(['e1', 'e2']);
    expect(depthTitle('transform', ['e1'])).toBe('Input queue depth');
  });

  it('heads a labelled node by its label and id', () => {
    const named = { ...graph('transform', []), nameOf: (id: string) => `Slow DB (${id})` };
    expect(chartSubject({ type: 'node', id: 'n1' }, named).label).toBe('Node Slow DB (n1)');
  });

  it('says why the depth chart is empty: a source has no input, an unconnected node has none yet', () => {
    expect(depthTitle('source', [])).toBe('Input queue depth (a source has none)');
    expect(depthTitle('transform', [])).toBe('Input queue depth (none connected)');
    expect(depthTitle('sink', [])).toBe('Input queue depth (none connected)');
  });

  it('charts the whole run when nothing is selected', () => {
    expect(chartSubject(null, graph('source', [])).label).toBe('Whole run');
  });

  it('charts per-frame throughput series beside the smoothed ones, for the run, a node and a queue', () => {
    const keys = (sel: Parameters<typeof chartSubject>[0], view: 'smoothed' | 'per-frame') =>
      chartSubject(sel, graph('transform', ['e1']), view)
        .charts.find((c) => c.id === 'throughput')
        ?.series.map((s) => s.key);
    expect(keys(null, 'per-frame')).toEqual(['run:emitted.f', 'run:delivered.f', 'run:drops.f']);
    expect(keys({ type: 'node', id: 'n1' }, 'per-frame')).toEqual(['n:n1:in.f', 'n:n1:out.f']);
    expect(keys({ type: 'edge', id: 'e1' }, 'per-frame')).toEqual([
      'e:e1:in.f',
      'e:e1:out.f',
      'e:e1:drops.f',
    ]);
    expect(keys({ type: 'edge', id: 'e1' }, 'smoothed')).toEqual(['e:e1:in', 'e:e1:out', 'e:e1:drops']);
    expect(chartSubject(null, graph('source', []), 'per-frame').charts[0]?.title).toBe(
      'Throughput per frame',
    );
  });
});
