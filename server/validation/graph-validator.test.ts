import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS } from '../config.js';
import { filterChain, worstCaseBody } from '../test-helpers/costly-graphs.js';
import { GraphValidator, isSmallDocument } from './graph-validator.js';

let validator: GraphValidator | undefined;
afterEach(async () => {
  await validator?.close();
});

const small = () => filterChain(['value > 1', 'key ~= "^k[0-9]+$"']);

describe('GraphValidator (a real worker thread)', () => {
  it('answers save, run and issues jobs from its thread, with the compiled plan for a run', async () => {
    validator = new GraphValidator({ inlineBelowBytes: 0 });
    const saved = await validator.save(small(), DEFAULT_LIMITS);
    expect(saved.runIssues).toEqual([]);
    expect(saved.graph.edges[0]).toMatchObject({ capacity: 64, overflow: 'block' }); // defaults filled
    const compiled = await validator.compileForRun(small(), DEFAULT_LIMITS);
    expect(compiled.ok && compiled.plan.nodes.map((n) => n.id)).toEqual(['src', 'f0', 'f1', 'out']);
    expect(await validator.issues(filterChain(['value +']))).toEqual([
      expect.objectContaining({ nodeId: 'f0', path: 'nodes.1.params.expression' }),
    ]);
  });

  it('refuses with 400 a job over its time limit, and a fresh thread takes the next job', async () => {
    validator = new GraphValidator({ timeoutMs: 1, inlineBelowBytes: 0 });
    await validator.save(small(), DEFAULT_LIMITS).catch(() => {}); // the thread is up and ready
    await expect(validator.save(worstCaseBody(), DEFAULT_LIMITS)).rejects.toMatchObject({
      status: 400,
      code: 'invalid_graph',
      message: 'validating the graph took longer than 1 ms',
    });
    await validator.close();
    validator = new GraphValidator({ timeoutMs: 30_000, inlineBelowBytes: 0 });
    expect((await validator.save(small(), DEFAULT_LIMITS)).runIssues).toEqual([]);
  }, 90_000); // three thread start-ups, each seconds from TypeScript sources on a busy machine

  it('queues a bounded number of jobs and answers 503 busy past it', async () => {
    validator = new GraphValidator({ maxQueued: 1, inlineBelowBytes: 0 });
    const first = validator.save(small(), DEFAULT_LIMITS); // in progress
    const second = validator.save(small(), DEFAULT_LIMITS); // queued
    await expect(validator.save(small(), DEFAULT_LIMITS)).rejects.toMatchObject({
      status: 503,
      code: 'busy',
    });
    await expect(Promise.all([first, second])).resolves.toHaveLength(2);
  });

  it('refuses a document nested too deep to copy to the thread by the nesting limit, not a 500', async () => {
    validator = new GraphValidator({ inlineBelowBytes: 0 });
    const doc = small() as Record<string, unknown>;
    let deep: Record<string, unknown> = {};
    (doc.nodes as { params: Record<string, unknown> }[])[1]!.params.deep = deep;
    for (let i = 0; i < 20_000; i++) deep = deep.a = {} as Record<string, unknown>;
    await expect(validator.save(doc, DEFAULT_LIMITS)).rejects.toMatchObject({
      status: 400,
      code: 'limit_exceeded',
      message: expect.stringContaining('maxNestingDepth'),
    });
  });

  it('tells small documents (validated in place) from large ones, reading no more than the bound', () => {
    expect(isSmallDocument(small(), 16 * 1024)).toBe(true);
    expect(isSmallDocument(worstCaseBody(40_000), 16 * 1024)).toBe(false);
    // A huge array is judged by its first part: the walk stops once past the bound.
    expect(isSmallDocument({ nodes: new Array(1_000_000).fill('x'.repeat(100)) }, 16 * 1024)).toBe(false);
  });
});
