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

  it('says why the depth chart is empty: a source has no input, an unconnected node has none yet', () => {
    expect(depthTitle('source', [])).toBe('Input queue depth (a source has none)');
    expect(depthTitle('transform', [])).toBe('Input queue depth (none connected)');
    expect(depthTitle('sink', [])).toBe('Input queue depth (none connected)');
  });

  it('charts the whole run when nothing is selected', () => {
    expect(chartSubject(null, graph('source', [])).label).toBe('Whole run');
  });
});
