import { type Checksum, double, identity, isEven, makeItem, type Peer, slowSink, Tally } from './workload.js';

/** One plain synchronous loop: the physical limit (no queues, no hand-offs, no telemetry). */
export const syncLoop: Peer = {
  name: 'sync loop (upper bound)',

  async a(n: number): Promise<Checksum> {
    const t = new Tally();
    for (let i = 0; i < n; i++) {
      const x = double(makeItem(i));
      if (isEven(x)) t.add(x);
    }
    return t.result();
  },

  async b(n: number): Promise<Checksum> {
    const t = new Tally();
    for (let i = 0; i < n; i++) {
      const x = double(makeItem(i));
      if (!isEven(x)) continue;
      await slowSink(x);
      t.add(x);
    }
    return t.result();
  },

  async c(n: number, stages: number): Promise<Checksum> {
    const fns = Array.from({ length: stages }, () => identity);
    const t = new Tally();
    for (let i = 0; i < n; i++) {
      let x = makeItem(i);
      for (let s = 0; s < fns.length; s++) x = fns[s]!(x);
      t.add(x);
    }
    return t.result();
  },
};
