import { describe, expect, it } from 'vitest';
import { compileGraph } from '../../../shared/compiler/compile.js';
import {
  describeIssue,
  edgeFieldOfIssue,
  indexIssues,
  nodeFieldOfIssue,
  paramOfIssue,
} from './issue-index.js';

/*
 *   gen(generator, rate: -5) --e1[capacity -1]--> work(worker)   (work.out goes nowhere: fine)
 *   sink(counter)  ← input "in" not connected
 */
const broken = {
  schemaVersion: 1,
  nodes: [
    { id: 'gen', kind: 'generator', params: { rate: -5 } },
    { id: 'work', kind: 'worker', params: {} },
    { id: 'sink', kind: 'counter', params: {} },
  ],
  edges: [{ id: 'e1', source: 'gen', target: 'work', capacity: 4, sourcePort: 'nope' }],
};

describe('indexIssues on real compiler output', () => {
  it('files each issue under the node and edge it names', () => {
    // ARRANGE
    const result = compileGraph(broken);
    if (result.ok) throw new Error('expected issues');
    // ACT
    const index = indexIssues(result.issues);
    // ASSERT
    expect(index.byNode.get('gen')?.some((i) => paramOfIssue(i) === 'rate')).toBe(true);
    expect(index.byNode.get('sink')?.[0]?.message).toMatch(/not connected/);
    expect(index.byEdge.get('e1')?.[0]?.message).toMatch(/no output port "nope"/);
    expect(index.byNode.get('gen')?.some((i) => i.edgeId === 'e1')).toBe(true);
    expect(index.all).toHaveLength(result.issues.length);
  });
});

describe('paramOfIssue / edgeFieldOfIssue', () => {
  it('reads param and edge field names out of paths', () => {
    expect(paramOfIssue({ path: 'nodes.2.params.retry.attempts', message: '' })).toBe('retry.attempts');
    expect(paramOfIssue({ path: 'nodes.2.params', message: '' })).toBeUndefined();
    expect(edgeFieldOfIssue({ path: 'edges.0.capacity', message: '' })).toBe('capacity');
    expect(edgeFieldOfIssue({ path: 'edges.0.source', message: '' })).toBeUndefined();
  });

  it('reads the distributed fields: edge transport, node process and replicas', () => {
    expect(edgeFieldOfIssue({ path: 'edges.3.transport', message: '' })).toBe('transport');
    expect(nodeFieldOfIssue({ path: 'nodes.1.replicas', message: '' })).toBe('replicas');
    expect(nodeFieldOfIssue({ path: 'nodes.1.process', message: '' })).toBe('process');
    expect(nodeFieldOfIssue({ path: 'nodes.1.params.replicas', message: '' })).toBeUndefined();
    expect(describeIssue({ path: 'nodes.1.replicas', nodeId: 'w', message: 'too many' })).toBe(
      'w.replicas: too many',
    );
  });
});

describe('describeIssue', () => {
  it('names the field for param and edge issues, and leaves self-describing messages alone', () => {
    expect(describeIssue({ path: 'nodes.0.params.rate', nodeId: 'g', message: 'Too small' })).toBe(
      'g.rate: Too small',
    );
    expect(describeIssue({ path: 'nodes.0.params.rate', nodeId: 'g', message: 'Too small' }, false)).toBe(
      'rate: Too small',
    );
    expect(describeIssue({ path: 'edges.1.capacity', edgeId: 'e2', message: 'Too big' })).toBe(
      'e2.capacity: Too big',
    );
    expect(
      describeIssue({ path: 'nodes.1', nodeId: 'w', message: 'input port "in" of "w" is not connected' }),
    ).toBe('input port "in" of "w" is not connected');
  });
});
