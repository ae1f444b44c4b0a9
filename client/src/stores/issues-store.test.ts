import { describe, expect, it } from 'vitest';
import { useClusterModeStore } from './cluster-mode-store.js';
import { useGraphStore } from './graph-store.js';
import { useIssuesStore } from './issues-store.js';
import { loadRegexEngine } from './regex-engine-store.js';

/*
 *   gen ──e1──▶ work ×2 ──e2──▶ out
 */
const doc = {
  schemaVersion: 1 as const,
  name: 'spread',
  nodes: [
    { id: 'gen', kind: 'generator' },
    { id: 'work', kind: 'worker', replicas: 2 },
    { id: 'out', kind: 'counter' },
  ],
  edges: [
    { id: 'e1', source: 'gen', target: 'work' },
    { id: 'e2', source: 'work', target: 'out' },
  ],
};

const replicaIssues = () =>
  (useIssuesStore.getState().byNode.get('work') ?? []).filter((i) => i.path === 'nodes.1.replicas');

describe('issues as you edit, in distributed mode', () => {
  it('flags replicas on a one-process server, and not once the server says it has NATS', () => {
    // ARRANGE: the server has not answered yet — nothing is checked, as when saving.
    useClusterModeStore.setState({ natsConfigured: undefined });
    useGraphStore.getState().load(doc);
    expect(replicaIssues()).toEqual([]);
    // ACT: the server runs in one process.
    useClusterModeStore.setState({ natsConfigured: false });
    // ASSERT: the compiler's issue, on the node's field, naming the variable.
    expect(
      replicaIssues()
        .map((i) => i.message)
        .join(),
    ).toContain('SLUICE_NATS_URL');
    useClusterModeStore.setState({ natsConfigured: true });
    expect(replicaIssues()).toEqual([]);
  });
});

describe('issues of a ~= pattern', () => {
  it('wait for the regex engine, then show', async () => {
    const filter = {
      schemaVersion: 1 as const,
      name: 'regex',
      nodes: [
        { id: 'src', kind: 'generator' },
        { id: 'keep', kind: 'filter', params: { expression: 'msg ~= "(unclosed"' } },
        { id: 'out', kind: 'counter' },
      ],
      edges: [
        { id: 'e1', source: 'src', target: 'keep' },
        { id: 'e2', source: 'keep', target: 'out' },
      ],
    };
    const keepIssues = () => (useIssuesStore.getState().byNode.get('keep') ?? []).map((i) => i.message);
    useGraphStore.getState().load(filter);
    // Not judged before the engine is here (a wrong verdict would flash on the canvas)…
    expect(keepIssues()).toEqual([]);
    // …and judged as soon as it is.
    await loadRegexEngine(); // the load that opening the graph started
    expect(keepIssues().join()).toContain('invalid regex');
  });
});
