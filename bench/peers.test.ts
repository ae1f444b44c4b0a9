import { describe, expect, it } from 'vitest';
import { checkExact } from './measure.js';
import { allPeers } from './peers/index.js';
import { expectedA, expectedC } from './peers/workload.js';

const N = 10_000;

describe('bench peers agree on the checksums', () => {
  for (const peer of allPeers()) {
    it(`${peer.name}: workload A`, async () => {
      expect(await peer.a(N)).toEqual(expectedA(N));
    });
    it(`${peer.name}: workload B (slow sink)`, async () => {
      expect(await peer.b(2_000)).toEqual(expectedA(2_000));
    });
    it(`${peer.name}: workload C (10 identity maps, and none)`, async () => {
      expect(await peer.c(N, 10)).toEqual(expectedC(N));
      expect(await peer.c(N, 0)).toEqual(expectedC(N));
    });
  }

  it('a wrong count or sum is caught', () => {
    const check = checkExact(expectedA);
    const right = expectedA(N);
    expect(check(N, right)).toBeNull();
    expect(check(N, { count: right.count, sum: right.sum + 1 })).toMatch(/checksum mismatch/);
    expect(check(N, { count: right.count - 1, sum: right.sum })).toMatch(/checksum mismatch/);
  });

  it('the expected checksums are not trivial', () => {
    expect(expectedA(N).count).toBe(N / 2);
    expect(expectedA(N).sum).toBeGreaterThan(0);
    expect(expectedC(N).sum).not.toBe(expectedA(N).sum);
  });
});
