import type { ParamsOf } from '../../../shared/catalog/define-kind.js';
import type { httpIngestKind } from '../../../shared/catalog/kinds/http-ingest.js';
import type { FeedBehavior, Item, NodeContext } from '../node-behavior.js';
import { silentIo } from '../node-io.js';

type Params = ParamsOf<typeof httpIngestKind>;

/** Freed room is reported once a quarter of the buffer is free, or when it runs empty… */
const REPORT_FRACTION = 0.25;
/** …or when this long has passed, so a slow trickle still reopens the endpoint. */
const REPORT_EVERY_MS = 50;

/**
 * The worker side of `http-ingest`: a bounded buffer filled by messages from the main thread.
 *
 * Credit protocol (the main side is `IngestWindow`): the main thread starts with `bufferSize`
 * credits and accepts a request only when it holds a credit per item, spending them; this buffer
 * gives credits back (`ingest-credit`) as items are handed on to the graph. So the main thread
 * answers 202 or 429 at once, without asking this thread, and the buffer can never overflow:
 * credits held + items in flight + items here = bufferSize at all times.
 */
export function createHttpIngest(ctx: NodeContext<Params>): FeedBehavior {
  const capacity = ctx.params.bufferSize;
  const io = ctx.io ?? silentIo();
  const chunks: Array<Item[] | undefined> = []; // one per request, oldest first
  let head = 0;
  let offset = 0; // items of chunks[head] already taken
  let buffered = 0; // items in `chunks`
  let held = 0; // accepted and not yet handed on: buffered + taken but still being sent
  let freed = 0; // handed on since the last report
  let lastReport = ctx.clock.now();
  let waiters: Array<() => void> = [];

  const report = () => {
    if (freed === 0) return;
    io.send({ type: 'ingest-credit', n: freed });
    freed = 0;
    lastReport = ctx.clock.now();
  };

  io.onMessage((m) => {
    if (m.type !== 'ingest' || m.items.length === 0) return;
    let items = m.items;
    if (held + items.length > capacity) {
      // Cannot happen while the main thread keeps to its credit; if it ever did, the buffer stays
      // bounded and the refused items' credit goes straight back so the books still balance.
      const fits = Math.max(0, capacity - held);
      freed += items.length - fits;
      items = items.slice(0, fits);
      report();
      if (items.length === 0) return;
    }
    chunks.push(items);
    buffered += items.length;
    held += items.length;
    const wake = waiters;
    waiters = [];
    for (const w of wake) w();
  });

  return {
    type: 'feed',
    take(max) {
      if (buffered === 0) return undefined;
      let out: Item[] | undefined;
      while (buffered > 0 && (out?.length ?? 0) < max) {
        const chunk = chunks[head]!;
        const want = max - (out?.length ?? 0);
        const left = chunk.length - offset;
        const part =
          left <= want ? (offset === 0 ? chunk : chunk.slice(offset)) : chunk.slice(offset, offset + want);
        if (left <= want) {
          chunks[head++] = undefined;
          offset = 0;
        } else offset += want;
        buffered -= part.length;
        out = out === undefined ? part : out.concat(part);
      }
      if (head > 64 && head * 2 > chunks.length) {
        chunks.splice(0, head);
        head = 0;
      }
      return out;
    },
    handedOn(n) {
      held -= n;
      freed += n;
      if (
        freed >= capacity * REPORT_FRACTION ||
        held === 0 ||
        ctx.clock.now() - lastReport >= REPORT_EVERY_MS
      )
        report();
    },
    onArrival(wake) {
      waiters.push(wake);
      return () => {
        const i = waiters.indexOf(wake);
        if (i >= 0) waiters.splice(i, 1);
      };
    },
  };
}
