import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  sendJson,
  slowConsumerGraph,
  startRunOn,
  startTestApp,
  type TestApp,
} from './test-helpers/start-app.js';

let app: TestApp;
beforeEach(async () => {
  app = await startTestApp();
});
afterEach(async () => {
  await app.close();
});

const group = { id: 'g1', title: 'Intake', color: 'teal', nodeIds: ['src', 'work'] };

describe('visual groups through the API (issue 20)', () => {
  it('saves a graph with a collapsed group and reads it back unchanged', async () => {
    const graph = { ...slowConsumerGraph, groups: [{ ...group, collapsed: true }] };
    const res = await sendJson('POST', `${app.url}/api/graphs`, graph);
    expect(res.status).toBe(201);
    const got = await sendJson('GET', `${app.url}/api/graphs/${res.body.slug}`);
    expect((got.body.graph as { groups?: unknown }).groups).toEqual([{ ...group, collapsed: true }]);
  });

  it('answers 400 naming the group member that is not a node, and the one already grouped', async () => {
    const unknown = { ...slowConsumerGraph, groups: [{ ...group, nodeIds: ['src', 'ghost'] }] };
    const res = await sendJson('POST', `${app.url}/api/graphs`, unknown);
    expect(res.status).toBe(400);
    expect(res.body.issues).toEqual([
      expect.objectContaining({ path: 'groups.0.nodeIds.1', message: 'node "ghost" does not exist' }),
    ]);
    const twice = { ...slowConsumerGraph, groups: [group, { ...group, id: 'g2', nodeIds: ['out', 'work'] }] };
    const again = await sendJson('POST', `${app.url}/api/graphs`, twice);
    expect(again.status).toBe(400);
    expect(again.body.issues).toEqual([expect.objectContaining({ path: 'groups.1.nodeIds.1' })]);
  });

  it('refuses a poison key inside a group', async () => {
    const body = `{"schemaVersion":1,"nodes":[{"id":"a","kind":"generator"}],"groups":[{"id":"g","title":"t","color":"red","nodeIds":["a"],"__proto__":{"x":1}}]}`;
    const res = await fetch(`${app.url}/api/graphs`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    });
    expect(res.status).toBe(400);
    expect(JSON.stringify(await res.json())).toContain('groups.0.__proto__');
  });
});

describe('groups go with a run', () => {
  it('a run of a graph with groups hands them back to its watchers, so watch pages draw the frames', async () => {
    const graph = { ...slowConsumerGraph, groups: [{ ...group, collapsed: true }] };
    const run = await startRunOn(app.url, graph);
    const info = await sendJson('GET', `${app.url}/api/runs/${run.runId}`, undefined, {
      authorization: `Bearer ${run.watchToken}`,
    });
    expect(info.status).toBe(200);
    expect((info.body.graph as { groups?: unknown }).groups).toEqual([{ ...group, collapsed: true }]);
    await sendJson('POST', `${app.url}/api/runs/${run.runId}/stop`, { mode: 'abort' }, run.auth);
  });
});
