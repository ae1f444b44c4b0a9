import {
  type Checksum,
  double,
  type Item,
  identity,
  isEven,
  makeItem,
  type Peer,
  slowSink,
  Tally,
} from './workload.js';

async function* source(n: number): AsyncGenerator<Item> {
  for (let i = 0; i < n; i++) yield makeItem(i);
}

async function* mapStage(src: AsyncIterable<Item>, f: (x: Item) => Item): AsyncGenerator<Item> {
  for await (const x of src) yield f(x);
}

async function* filterStage(src: AsyncIterable<Item>, p: (x: Item) => boolean): AsyncGenerator<Item> {
  for await (const x of src) if (p(x)) yield x;
}

/** A chain of async generators (the it-pipe style): pull-based, one promise per item per hop. */
export const asyncGenerators: Peer = {
  name: 'async generators',

  async a(n: number): Promise<Checksum> {
    const t = new Tally();
    for await (const x of filterStage(mapStage(source(n), double), isEven)) t.add(x);
    return t.result();
  },

  async b(n: number): Promise<Checksum> {
    const t = new Tally();
    for await (const x of filterStage(mapStage(source(n), double), isEven)) {
      await slowSink(x);
      t.add(x);
    }
    return t.result();
  },

  async c(n: number, stages: number): Promise<Checksum> {
    const t = new Tally();
    let s: AsyncIterable<Item> = source(n);
    for (let k = 0; k < stages; k++) s = mapStage(s, identity);
    for await (const x of s) t.add(x);
    return t.result();
  },
};
