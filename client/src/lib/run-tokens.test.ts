import { describe, expect, it } from 'vitest';
import { createRunTokenStore, MAX_OWNED_RUNS, type OwnedRun, type TokenStorage } from './run-tokens.js';

/** A real key-value storage in memory (what localStorage is, without a browser). */
function memoryStorage(): TokenStorage & { raw: Map<string, string> } {
  const raw = new Map<string, string>();
  return {
    raw,
    getItem: (k) => raw.get(k) ?? null,
    setItem: (k, v) => void raw.set(k, v),
  };
}

const run = (i: number, extra: Partial<OwnedRun> = {}): OwnedRun => ({
  runId: `r${i}`,
  runToken: `rt${i}`,
  watchToken: `wt${i}`,
  graphName: `graph ${i}`,
  startedAt: 1_000 + i,
  ...extra,
});

describe('run token store', () => {
  it('keeps the last MAX_OWNED_RUNS runs, newest first, across store instances (a reload)', () => {
    // ARRANGE
    const storage = memoryStorage();
    const store = createRunTokenStore(storage);
    // ACT
    for (let i = 0; i < MAX_OWNED_RUNS + 5; i++) store.remember(run(i));
    const reloaded = createRunTokenStore(storage);
    // ASSERT
    const ids = reloaded.list().map((r) => r.runId);
    expect(ids).toHaveLength(MAX_OWNED_RUNS);
    expect(ids[0]).toBe(`r${MAX_OWNED_RUNS + 4}`);
    expect(ids.at(-1)).toBe('r5');
    expect(reloaded.get('r4')).toBeUndefined();
    expect(reloaded.get('r7')?.runToken).toBe('rt7');
    // The stored text is bounded too, not just what is read back.
    expect(JSON.parse(storage.raw.get('sluice:runs:v1') ?? '[]')).toHaveLength(MAX_OWNED_RUNS);
  });

  it('remembering a run again moves it to the front instead of duplicating it', () => {
    const store = createRunTokenStore(memoryStorage());
    store.remember(run(1));
    store.remember(run(2));
    store.remember(run(1, { graphName: 'renamed' }));
    expect(store.list().map((r) => [r.runId, r.graphName])).toEqual([
      ['r1', 'renamed'],
      ['r2', 'graph 2'],
    ]);
  });

  it('updates and forgets one run, leaving the others', () => {
    const store = createRunTokenStore(memoryStorage());
    store.remember(run(1));
    store.remember(run(2));
    store.update('r1', { keepRunning: true, sharedWatch: true });
    store.forget('r2');
    expect(store.list()).toEqual([{ ...run(1), keepRunning: true, sharedWatch: true }]);
  });

  it('drops records that are not runs and survives corrupt storage', () => {
    const storage = memoryStorage();
    storage.setItem(
      'sluice:runs:v1',
      JSON.stringify([{ runId: 'ok', startedAt: 5, runToken: 7 }, { startedAt: 1 }, 'x', null]),
    );
    expect(createRunTokenStore(storage).list()).toEqual([
      { runId: 'ok', startedAt: 5, graphName: 'untitled' },
    ]);
    storage.setItem('sluice:runs:v1', '{not json');
    expect(createRunTokenStore(storage).list()).toEqual([]);
  });

  it('without usable storage it keeps the runs in memory for the page', () => {
    const refusing: TokenStorage = {
      getItem: () => {
        throw new Error('SecurityError');
      },
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
    };
    const store = createRunTokenStore(refusing, 2);
    store.remember(run(1));
    store.remember(run(2));
    store.remember(run(3));
    expect(store.list().map((r) => r.runId)).toEqual(['r3', 'r2']);
  });
});
