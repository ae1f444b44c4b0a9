import { describe, expect, it } from 'vitest';
import { Recording } from '../../shared/recorder/recording.js';
import { realisticRun } from '../../shared/recorder/test-frames.js';
import { framesPage, MAX_PAGE_BYTES } from './recording-responses.js';

describe('a page of frames', () => {
  it('holds about MAX_PAGE_BYTES of big frames, then next; the pages together are every frame', () => {
    const run = realisticRun(200, 240, 10, 10);
    const rec = new Recording({ maxBytes: 1e9 });
    for (const f of run) rec.append(f);
    const view = { rec, timeline: [], hz: 10, ended: true, name: 'x', graph: null };
    const got = [];
    let from = Number.NEGATIVE_INFINITY;
    let pages = 0;
    for (;;) {
      const page = framesPage(view, from, Number.POSITIVE_INFINITY);
      pages++;
      expect(JSON.stringify(page).length).toBeLessThan(MAX_PAGE_BYTES * 1.1);
      got.push(...page.frames);
      if (page.next === undefined) break;
      from = page.next;
    }
    expect(pages).toBeGreaterThan(1);
    expect(got).toStrictEqual(run);
  });
});
