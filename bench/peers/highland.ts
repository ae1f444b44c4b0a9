import _ from 'highland';
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

function* items(n: number): Generator<Item> {
  for (let i = 0; i < n; i++) yield makeItem(i);
}

function drain(s: Highland.Stream<Item>, t: Tally): Promise<Checksum> {
  return new Promise((resolve, reject) => {
    s.stopOnError(reject)
      .each((x) => t.add(x))
      .done(() => resolve(t.result()));
  });
}

/** Highland 2: lazy pull streams over a synchronous iterator source. */
export const highlandPeer: Peer = {
  name: 'Highland',

  a(n: number): Promise<Checksum> {
    return drain(_(items(n)).map(double).filter(isEven), new Tally());
  },

  b(n: number): Promise<Checksum> {
    const sunk = _(items(n))
      .map(double)
      .filter(isEven)
      .flatMap((x: Item) => _(slowSink(x).then(() => x)));
    return drain(sunk, new Tally());
  },

  c(n: number, stages: number): Promise<Checksum> {
    let s = _(items(n));
    for (let k = 0; k < stages; k++) s = s.map(identity);
    return drain(s, new Tally());
  },
};
