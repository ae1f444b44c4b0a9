import type { Overflow } from '../../shared/graph/graph-schema.js';
import type { EdgeTap } from './edge-tap.js';
import type { DropLedger } from './trace/drop-ledger.js';
import { dequeuedHops, droppedHops, enqueuedHops } from './trace/queue-hops.js';
import type { Tracer } from './trace/tracer.js';
import { WaiterList } from './waiter-list.js';

/**
 * One edge: a bounded FIFO of items, counted in items, never unbounded.
 *
 * Items travel in batches and the batch array itself is stored (not copied item by item into
 * slots): handing off arrays is what makes a hop cost a few ns instead of tens (performance.md).
 * Batches are therefore immutable once offered — fan-out shares one array between edges.
 *
 * Backpressure is a return value: `offer` says how many items it took; a producer that got less
 * than it offered waits with `onRoom` and offers the rest.
 */
export class BoundedQueue<T = unknown> {
  private ring: Array<readonly T[] | undefined> = new Array(16);
  private stamps = new Float64Array(16);
  private head = 0;
  private count = 0; // batches in the ring
  private headOffset = 0; // items of the head batch already taken
  /** Items queued. Never more than `capacity` (plus, for rendezvous, what a waiting consumer asked for). */
  size = 0;
  /** For capacity 0: items a waiting consumer has asked for; a put completes only into that demand. */
  demand = 0;
  closed = false;

  /** Items producers offered: what the queue took plus what its policy dropped on arrival. */
  offered = 0;
  inCount = 0;
  outCount = 0;
  dropped = 0;
  /** Items that waited longer than `expireMs` and were dropped at the head (their own named loss). */
  expired = 0;
  /** Items the user removed with "Empty queue" (their own named loss). */
  emptied = 0;
  /** Items older than this (ms) are dropped when they reach the head; 0 = never (the default). */
  expireMs = 0;
  /**
   * The edge runs fused (issue 21): its ends are one loop (executors/fused-chain.ts), nothing is
   * ever queued here, and the loop counts what crosses it (in = out, waits of 0).
   */
  fused = false;
  /**
   * Queue time of the items taken with a `now`, summed (ms), and how many they were: the sampler's
   * mean wait over a window is the growth of one over the other. Exact, not sampled: the wait of a
   * whole batch is one subtraction from the stamp its slot already keeps (for `oldestAgeMs`).
   */
  waitMs = 0;
  waited = 0;
  /**
   * Lane-ms producers spent waiting for room in this queue, over waits that have ended. Counted
   * per waiting lane: a producer with 4 lanes can wait 4 ms per ms, and one shared start time
   * would charge every lane from whichever started last (see `blockedLaneMs`).
   */
  private blockedEnded = 0;
  /** Lanes waiting for room now, and the sum of their start times. */
  private blockedLanes = 0;
  private blockedStartSum = 0;

  /** Called when items arrive or the queue closes; set by the consumer's input. */
  onReadable: (() => void) | undefined;
  /** Called after a live resize, before producers are woken; set by the consumer's input. */
  onResize: (() => void) | undefined;
  /**
   * Broker edges only (consume side): the node has handed on the results of these items (taken
   * from this queue or another of its inputs), so they may be acked. Memory edges leave it unset.
   */
  onSettled: ((batch: readonly unknown[]) => void) | undefined;
  private readonly roomWaiters = new WaiterList();
  /** The run's traces (set by the run): a marked batch records hops, others pay one check. */
  tracer: Tracer | undefined;
  /** The last dropped items, for the inspector (set by the run); only the drop path touches it. */
  ledger: DropLedger | undefined;
  /** A user's tap on this edge (issue 20): sees every accepted batch; unset costs one check a batch. */
  tap: EdgeTap | undefined;

  constructor(
    readonly id: string,
    public capacity: number,
    public overflow: Overflow,
  ) {}

  room(): number {
    const limit = this.capacity === 0 ? this.demand : this.capacity;
    return Math.max(0, limit - this.size);
  }

  /** Takes what the policy allows from `batch`. Returns items consumed from the batch (queued or dropped). */
  offer(batch: readonly T[], now: number): number {
    const n = batch.length;
    if (n === 0) return 0;
    const room = this.room();
    // The one tracing check per batch: hops only for batches holding a traced item.
    const tr = this.tracer?.marked(batch) ? this.tracer : undefined;
    if (this.overflow === 'block') {
      const take = Math.min(room, n);
      if (tr) enqueuedHops(tr, this.id, batch, 0, take, this.size, now);
      if (take > 0) this.push(take === n ? batch : this.part(batch, 0, take, tr), now);
      this.offered += take; // the rest is offered again once there is room
      return take;
    }
    this.offered += n;
    if (this.overflow === 'drop-newest') {
      const take = Math.min(room, n);
      if (tr) enqueuedHops(tr, this.id, batch, 0, take, this.size, now);
      if (take > 0) this.push(take === n ? batch : this.part(batch, 0, take, tr), now);
      if (take < n) this.dropFrom(batch, take, n, now, 'drop-newest', tr);
      return n;
    }
    // drop-oldest: the newest items win. Evict from the head, then from the batch itself.
    const limit = this.capacity === 0 ? this.demand : this.capacity;
    const keep = Math.min(n, limit);
    // Pushed out by newer items of their own batch: the edge is full at that moment.
    if (keep < n) this.dropFrom(batch, 0, n - keep, now, 'drop-oldest', tr, limit);
    const evict = this.size + keep - limit;
    if (evict > 0) this.discard(evict, now);
    if (tr) enqueuedHops(tr, this.id, batch, n - keep, n, this.size, now);
    if (keep > 0) this.push(keep === n ? batch : this.part(batch, n - keep, n, tr), now);
    return n;
  }

  /** A slice of `batch` that keeps its trace mark. */
  private part(batch: readonly T[], from: number, to: number, tr: Tracer | undefined): readonly T[] {
    const p = batch.slice(from, to);
    tr?.derive(batch, p);
    return p;
  }

  /** `batch[from, to)` is dropped by the policy: counted, remembered in the ledger, and traced. */
  private dropFrom(
    batch: readonly T[],
    from: number,
    to: number,
    now: number,
    policy: string,
    tr: Tracer | undefined,
    depth = this.size,
  ): void {
    this.dropped += to - from;
    this.ledger?.record(batch, from, to, now, policy, depth);
    if (tr) droppedHops(tr, this.id, batch, from, to, policy, depth, now);
  }

  /**
   * The head batch, or up to `max` of it. Returns undefined when empty. `now`, the consumer's
   * time, counts the items' queue time into `waitMs` (consumers pass the time they already read).
   */
  take(max: number, now?: number): readonly T[] | undefined {
    // Expiry is checked where the consumer looks (the head), as NiFi does: one compare per take.
    if (this.expireMs > 0 && now !== undefined && this.count > 0) this.expireHead(now);
    if (this.count === 0) return undefined;
    const batch = this.ring[this.head]!;
    const stamp = this.stamps[this.head]!;
    const left = batch.length - this.headOffset;
    let out: readonly T[];
    if (left <= max) {
      out = this.headOffset === 0 ? batch : batch.slice(this.headOffset);
      this.popHead();
    } else {
      out = batch.slice(this.headOffset, this.headOffset + max);
      this.headOffset += max;
    }
    this.size -= out.length;
    this.outCount += out.length;
    if (now !== undefined) {
      this.waitMs += Math.max(0, now - stamp) * out.length;
      this.waited += out.length;
    }
    const tr = this.tracer;
    if (tr?.marked(batch)) {
      if (out !== batch) tr.derive(batch, out);
      dequeuedHops(tr, this.id, out, stamp, now);
    }
    if (this.roomWaiters.length > 0) this.wakeProducers();
    return out;
  }

  /**
   * Drops head batches' items that have waited longer than `expireMs` at `now`. A batch shares one
   * stamp, so it expires whole. Frees room, so producers are woken by the take that follows (or here
   * when nothing is left to take).
   */
  private expireHead(now: number): void {
    const limit = now - this.expireMs;
    let n = 0;
    while (this.count > 0 && this.stamps[this.head]! < limit) {
      const batch = this.ring[this.head]!;
      const from = this.headOffset;
      this.expired += batch.length - from;
      n += batch.length - from;
      this.ledger?.record(batch, from, batch.length, now, 'expired', this.size);
      const tr = this.tracer?.marked(batch) ? this.tracer : undefined;
      if (tr) droppedHops(tr, this.id, batch, from, batch.length, 'expired', this.size, now);
      this.popHead();
    }
    this.size -= n;
    if (n > 0 && this.count === 0 && this.roomWaiters.length > 0) this.wakeProducers();
  }

  /**
   * "Empty queue" (the user's): every queued item is removed and counted as `emptied`; producers
   * waiting for room wake up. Returns how many were removed.
   */
  empty(now: number): number {
    const n = this.size;
    while (this.count > 0) {
      const batch = this.ring[this.head]!;
      this.ledger?.record(batch, this.headOffset, batch.length, now, 'emptied', this.size);
      const tr = this.tracer?.marked(batch) ? this.tracer : undefined;
      if (tr) droppedHops(tr, this.id, batch, this.headOffset, batch.length, 'emptied', this.size, now);
      this.popHead();
    }
    this.size = 0;
    this.emptied += n;
    if (this.roomWaiters.length > 0) this.wakeProducers();
    return n;
  }

  /**
   * The first and last `n` queued items with their enqueue stamps and positions (0 = head), for
   * "List queue". Reads at most 2n items whatever the depth.
   */
  peek(n: number): Array<{ position: number; stamp: number; item: T }> {
    const out: Array<{ position: number; stamp: number; item: T }> = [];
    const mask = this.ring.length - 1;
    // From the head, forwards.
    let pos = 0;
    for (let b = 0; b < this.count && out.length < n; b++) {
      const slot = (this.head + b) & mask;
      const batch = this.ring[slot]!;
      for (let i = b === 0 ? this.headOffset : 0; i < batch.length && out.length < n; i++)
        out.push({ position: pos++, stamp: this.stamps[slot]!, item: batch[i]! });
    }
    const tail: Array<{ position: number; stamp: number; item: T }> = [];
    const want = Math.min(n, this.size - out.length);
    pos = this.size - 1;
    for (let b = this.count - 1; b >= 0 && tail.length < want; b--) {
      const slot = (this.head + b) & mask;
      const batch = this.ring[slot]!;
      const start = b === 0 ? this.headOffset : 0;
      for (let i = batch.length - 1; i >= start && tail.length < want; i--)
        tail.push({ position: pos--, stamp: this.stamps[slot]!, item: batch[i]! });
    }
    return out.concat(tail.reverse());
  }

  /** A producer lane starts waiting for room at `now`. */
  startBlocked(now: number): void {
    this.blockedLanes++;
    this.blockedStartSum += now;
  }

  /** A lane's wait that started at `since` ends at `now`. */
  endBlocked(since: number, now: number): void {
    this.blockedLanes--;
    this.blockedStartSum -= since;
    this.blockedEnded += now - since;
    if (this.blockedLanes === 0) this.blockedStartSum = 0; // no float residue carried into the next wait
  }

  /** Lane-ms of waiting for room up to `now`, the waits still going included. */
  blockedLaneMs(now: number): number {
    return this.blockedEnded + this.blockedLanes * now - this.blockedStartSum;
  }

  /** Enqueue time of the oldest queued item, or undefined when empty. */
  oldestStamp(): number | undefined {
    return this.count === 0 ? undefined : this.stamps[this.head];
  }

  /** Registers a producer waiting for room (called once, at the next room); withdraw with `offRoom`. */
  onRoom(wake: () => void): void {
    this.roomWaiters.add(wake);
  }

  /** Withdraws a waiter `onRoom` registered; nothing happens when a wake already removed it. */
  offRoom(wake: () => void): void {
    this.roomWaiters.remove(wake);
  }

  /** Live edit. Shrinking never loses queued items under `block`; drop policies evict and count. */
  resize(capacity: number, overflow: Overflow, now = 0): void {
    this.capacity = capacity;
    this.overflow = overflow;
    if (overflow === 'drop-oldest' && this.size > capacity) this.discard(this.size - capacity, now);
    if (overflow === 'drop-newest' && this.size > capacity) this.discardTail(this.size - capacity, now);
    // A consumer already waiting re-states its demand: on a new rendezvous edge that is the only room.
    this.onResize?.();
    if (this.room() > 0) this.wakeProducers();
  }

  close(): void {
    this.closed = true;
    this.onReadable?.();
  }

  wakeProducers(): void {
    this.roomWaiters.wakeAll();
  }

  private push(batch: readonly T[], now: number): void {
    if (this.count === this.ring.length) this.grow();
    const slot = (this.head + this.count) & (this.ring.length - 1);
    this.ring[slot] = batch;
    this.stamps[slot] = now;
    this.count++;
    this.size += batch.length;
    this.inCount += batch.length;
    this.tap?.saw(batch, now);
    this.onReadable?.();
  }

  private popHead(): void {
    this.ring[this.head] = undefined;
    this.head = (this.head + 1) & (this.ring.length - 1);
    this.count--;
    this.headOffset = 0;
  }

  /** Evicts `n` items from the head (drop-oldest). */
  private discard(n: number, now: number): void {
    let left = n;
    while (left > 0 && this.count > 0) {
      const batch = this.ring[this.head]!;
      const from = this.headOffset;
      const avail = batch.length - from;
      const k = Math.min(avail, left);
      this.evicted(batch, from, from + k, now, 'drop-oldest');
      left -= k;
      if (avail <= k) this.popHead();
      else this.headOffset += k;
    }
    this.size -= n - left;
  }

  /** Evicts `n` items from the tail (a drop-newest edge shrunk live). */
  private discardTail(n: number, now: number): void {
    let left = n;
    while (left > 0 && this.count > 0) {
      const slot = (this.head + this.count - 1) & (this.ring.length - 1);
      const batch = this.ring[slot]!;
      const start = this.count === 1 ? this.headOffset : 0;
      const k = Math.min(batch.length - start, left);
      this.evicted(batch, batch.length - k, batch.length, now, 'drop-newest');
      left -= k;
      if (k === batch.length - start) {
        this.ring[slot] = undefined;
        this.count--;
        if (this.count === 0) this.headOffset = 0;
      } else {
        const kept = batch.slice(0, batch.length - k);
        this.tracer?.derive(batch, kept);
        this.ring[slot] = kept;
      }
    }
    this.size -= n - left;
  }

  /** Queued items `batch[from, to)` are evicted. */
  private evicted(batch: readonly T[], from: number, to: number, now: number, policy: string): void {
    const tr = this.tracer?.marked(batch) ? this.tracer : undefined;
    this.dropFrom(batch, from, to, now, policy, tr);
  }

  private grow(): void {
    const len = this.ring.length;
    const ring: Array<readonly T[] | undefined> = new Array(len * 2);
    const stamps = new Float64Array(len * 2);
    for (let i = 0; i < this.count; i++) {
      const from = (this.head + i) & (len - 1);
      ring[i] = this.ring[from];
      stamps[i] = this.stamps[from]!;
    }
    this.ring = ring;
    this.stamps = stamps;
    this.head = 0;
  }
}
