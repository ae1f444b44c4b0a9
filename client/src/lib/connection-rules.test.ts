import { describe, expect, it } from 'vitest';
import { connectionProblem, reaches } from './connection-rules.js';
import type { NodePorts } from './ports.js';

/*
 *   gen ──e1──▶ work ──e2──▶ out
 *                 └─ error (unconnected)
 */
const ports: Record<string, NodePorts> = {
  gen: { inputs: [], outputs: ['out'] },
  work: { inputs: ['in'], outputs: ['out', 'error'] },
  out: { inputs: ['in'], outputs: [] },
  side: { inputs: ['in'], outputs: ['out'] },
};
const edges = [
  { source: 'gen', sourceHandle: 'out', target: 'work', targetHandle: 'in' },
  { source: 'work', sourceHandle: 'out', target: 'out', targetHandle: 'in' },
];
const portsOf = (id: string) => ports[id];

describe('connectionProblem', () => {
  it('accepts an output to a free input', () => {
    expect(
      connectionProblem(
        { source: 'work', sourceHandle: 'error', target: 'side', targetHandle: 'in' },
        edges,
        portsOf,
      ),
    ).toBeNull();
  });

  it('refuses cycles, naming who already feeds whom', () => {
    // ARRANGE: side → gen would be fine, but work.out → work.in and out → gen are not.
    const loop = { source: 'work', sourceHandle: 'out', target: 'work', targetHandle: 'in' };
    const back = { source: 'work', sourceHandle: 'error', target: 'work', targetHandle: 'in' };
    expect(connectionProblem(loop, edges, portsOf)).toBe('A node cannot feed itself');
    expect(connectionProblem(back, edges, portsOf)).toBe('A node cannot feed itself');
    const withSide = [...edges, { source: 'out', sourceHandle: 'x', target: 'side', targetHandle: 'in' }];
    // ACT
    const problem = connectionProblem(
      { source: 'side', sourceHandle: 'out', target: 'gen', targetHandle: 'in' },
      withSide,
      (id) => (id === 'gen' ? { inputs: ['in'], outputs: ['out'] } : ports[id]),
    );
    // ASSERT
    expect(problem).toBe('That would make a cycle: gen already feeds side');
  });

  it('refuses input-to-input, missing ports and duplicates', () => {
    expect(
      connectionProblem(
        { source: 'work', sourceHandle: 'in', target: 'out', targetHandle: 'in' },
        edges,
        portsOf,
      ),
    ).toBe('Connect an output port to an input port');
    expect(
      connectionProblem(
        { source: 'gen', sourceHandle: 'out2', target: 'out', targetHandle: 'in' },
        edges,
        portsOf,
      ),
    ).toBe('gen has no output "out2"');
    expect(
      connectionProblem(
        { source: 'gen', sourceHandle: 'out', target: 'work', targetHandle: 'in' },
        edges,
        portsOf,
      ),
    ).toBe('These ports are already connected');
  });

  it('follows edges downstream only', () => {
    expect(reaches('gen', 'out', edges)).toBe(true);
    expect(reaches('out', 'gen', edges)).toBe(false);
  });
});
