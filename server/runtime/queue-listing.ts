import { displayItem } from '../../shared/protocol/display-item.js';
import { LIST_QUEUE_ENDS, type QueueListing } from '../../shared/protocol/queue-inspect.js';
import type { BoundedQueue } from './bounded-queue.js';

/**
 * NiFi's "List queue", live: the first and last LIST_QUEUE_ENDS items waiting on `q` at `now`,
 * cut down for display. Reads at most 2 × LIST_QUEUE_ENDS items whatever the depth.
 */
export function listQueue(q: BoundedQueue, now: number): QueueListing {
  return {
    edgeId: q.id,
    depth: q.size,
    capacity: q.capacity,
    items: q.peek(LIST_QUEUE_ENDS).map(({ position, stamp, item }) => ({
      position,
      ageMs: Math.max(0, Math.round(now - stamp)),
      item: displayItem(item),
    })),
  };
}
