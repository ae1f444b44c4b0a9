import { Readable, Transform, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
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

function source(n: number, hwm: number): Readable {
  let i = 0;
  return new Readable({
    objectMode: true,
    highWaterMark: hwm,
    read() {
      while (i < n) {
        if (!this.push(makeItem(i++))) return;
      }
      this.push(null);
    },
  });
}

function mapStage(f: (x: Item) => Item, hwm: number): Transform {
  return new Transform({
    objectMode: true,
    highWaterMark: hwm,
    transform(chunk: Item, _enc, cb) {
      cb(null, f(chunk));
    },
  });
}

function filterStage(p: (x: Item) => boolean, hwm: number): Transform {
  return new Transform({
    objectMode: true,
    highWaterMark: hwm,
    transform(chunk: Item, _enc, cb) {
      if (p(chunk)) cb(null, chunk);
      else cb();
    },
  });
}

function counter(t: Tally, hwm: number): Writable {
  return new Writable({
    objectMode: true,
    highWaterMark: hwm,
    write(chunk: Item, _enc, cb) {
      t.add(chunk);
      cb();
    },
  });
}

function slowCounter(t: Tally, hwm: number): Writable {
  return new Writable({
    objectMode: true,
    highWaterMark: hwm,
    write(chunk: Item, _enc, cb) {
      slowSink(chunk).then(() => {
        t.add(chunk);
        cb();
      }, cb);
    },
  });
}

/** Node streams: `stream.pipeline`, objectMode, every stream with the given highWaterMark. */
export function nodeStreams(hwm: number): Peer {
  return {
    name: `Node streams hwm ${hwm}`,

    async a(n: number): Promise<Checksum> {
      const t = new Tally();
      await pipeline(source(n, hwm), mapStage(double, hwm), filterStage(isEven, hwm), counter(t, hwm));
      return t.result();
    },

    async b(n: number): Promise<Checksum> {
      const t = new Tally();
      await pipeline(source(n, hwm), mapStage(double, hwm), filterStage(isEven, hwm), slowCounter(t, hwm));
      return t.result();
    },

    async c(n: number, stages: number): Promise<Checksum> {
      const t = new Tally();
      const maps = Array.from({ length: stages }, () => mapStage(identity, hwm));
      await pipeline([source(n, hwm), ...maps, counter(t, hwm)]);
      return t.result();
    },
  };
}
