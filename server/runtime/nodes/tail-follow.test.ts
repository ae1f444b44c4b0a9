import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { until } from '../../test-helpers/until.js';
import { realClock } from '../clock.js';
import { followFile } from './tail-follow.js';

let dir = '';
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/*
 * The closed loop of file-tail: the follower delivers a line only when the node has room for it,
 * so a graph that takes nothing leaves the rest of the file unread — the file is the buffer.
 */
describe('followFile', () => {
  it('never delivers more lines than there is room for, and goes on from the next line once room is given', async () => {
    // ARRANGE: 3,000 lines; room for 10.
    dir = mkdtempSync(path.join(tmpdir(), 'sluice-follow-'));
    const file = path.join(dir, 'a.log');
    writeFileSync(file, Array.from({ length: 3_000 }, (_, i) => `l${i}\n`).join(''));
    const got: string[] = [];
    let granted = 10;
    const follow = followFile({
      pollMs: 10,
      maxLineBytes: 1_024,
      fromEnd: false,
      clock: realClock,
      locate: () => file,
      openFile: (f) => open(f, 'r'),
      room: () => granted - got.length,
      line: (l) => got.push(l),
      tooLong: () => {},
      failed: (m) => {
        throw new Error(m);
      },
    });

    // ACT
    follow.start();
    await until(
      () => got.length,
      (n) => n === 10,
      'the first ten lines',
    );
    granted = 15;
    follow.kick();
    await until(
      () => got.length,
      (n) => n === 15,
      'five more',
    );
    await follow.stop(); // waits for any read in progress: nothing can arrive after this

    // ASSERT
    expect(got).toEqual(Array.from({ length: 15 }, (_, i) => `l${i}`));
  });
});
