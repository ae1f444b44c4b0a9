import { concatMap, filter, map, Observable, type OperatorFunction } from 'rxjs';
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

function source(n: number): Observable<Item> {
  return new Observable<Item>((sub) => {
    for (let i = 0; i < n && !sub.closed; i++) sub.next(makeItem(i));
    sub.complete();
  });
}

function drain(obs: Observable<Item>, t: Tally): Promise<Checksum> {
  return new Promise((resolve, reject) => {
    obs.subscribe({
      next: (x) => t.add(x),
      error: reject,
      complete: () => resolve(t.result()),
    });
  });
}

/** RxJS 7: push-based, synchronous, no backpressure (a slow sink makes concatMap buffer everything). */
export const rxjsPeer: Peer = {
  name: 'RxJS',

  a(n: number): Promise<Checksum> {
    return drain(source(n).pipe(map(double), filter(isEven)), new Tally());
  },

  b(n: number): Promise<Checksum> {
    const sunk = source(n).pipe(
      map(double),
      filter(isEven),
      concatMap(async (x) => {
        await slowSink(x);
        return x;
      }),
    );
    return drain(sunk, new Tally());
  },

  c(n: number, stages: number): Promise<Checksum> {
    let s = source(n);
    const op: OperatorFunction<Item, Item> = map(identity);
    for (let k = 0; k < stages; k++) s = s.pipe(op);
    return drain(s, new Tally());
  },

  caps: {
    b: { maxN: 100_000, why: 'no backpressure: concatMap buffers every item, run time grows with N²' },
  },
};
