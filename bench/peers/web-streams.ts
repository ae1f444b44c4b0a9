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

/** Same bound as the Node streams baseline: 16 items per queue. */
const HWM = 16;

function strategy(): QueuingStrategy<Item> {
  return new CountQueuingStrategy({ highWaterMark: HWM });
}

function source(n: number): ReadableStream<Item> {
  let i = 0;
  return new ReadableStream<Item>(
    {
      pull(controller) {
        while (i < n) {
          controller.enqueue(makeItem(i++));
          if ((controller.desiredSize ?? 0) <= 0) return;
        }
        controller.close();
      },
    },
    strategy(),
  );
}

function mapStage(f: (x: Item) => Item): TransformStream<Item, Item> {
  return new TransformStream<Item, Item>(
    {
      transform(chunk, controller) {
        controller.enqueue(f(chunk));
      },
    },
    strategy(),
    strategy(),
  );
}

function filterStage(p: (x: Item) => boolean): TransformStream<Item, Item> {
  return new TransformStream<Item, Item>(
    {
      transform(chunk, controller) {
        if (p(chunk)) controller.enqueue(chunk);
      },
    },
    strategy(),
    strategy(),
  );
}

function counter(t: Tally): WritableStream<Item> {
  return new WritableStream<Item>(
    {
      write(chunk) {
        t.add(chunk);
      },
    },
    strategy(),
  );
}

function slowCounter(t: Tally): WritableStream<Item> {
  return new WritableStream<Item>(
    {
      async write(chunk) {
        await slowSink(chunk);
        t.add(chunk);
      },
    },
    strategy(),
  );
}

/** WHATWG Web Streams as shipped in Node: pipeThrough / pipeTo, count strategy of 16 everywhere. */
export const webStreams: Peer = {
  name: 'Web Streams',

  async a(n: number): Promise<Checksum> {
    const t = new Tally();
    await source(n).pipeThrough(mapStage(double)).pipeThrough(filterStage(isEven)).pipeTo(counter(t));
    return t.result();
  },

  async b(n: number): Promise<Checksum> {
    const t = new Tally();
    await source(n).pipeThrough(mapStage(double)).pipeThrough(filterStage(isEven)).pipeTo(slowCounter(t));
    return t.result();
  },

  async c(n: number, stages: number): Promise<Checksum> {
    const t = new Tally();
    let s = source(n);
    for (let k = 0; k < stages; k++) s = s.pipeThrough(mapStage(identity));
    await s.pipeTo(counter(t));
    return t.result();
  },
};
