import { displayItem } from '../../../shared/protocol/display-item.js';
import type { CreditSinkBehavior, Item, NodeContext } from '../node-behavior.js';
import { silentIo } from '../node-io.js';

/** Outstanding credit is capped: a client cannot open the tap wider than this in one go. */
export const MAX_OUTSTANDING_CREDITS = 100_000;

/**
 * A reverse-ACK consumer: the UI grants credits (`sink:credit`, relayed by the main thread), each
 * delivered item uses one. Without credit the executor takes nothing, so the input queue fills.
 */
export function createBrowser(ctx: NodeContext<unknown>): CreditSinkBehavior {
  const io = ctx.io ?? silentIo();
  let credits = 0;
  let waiters: Array<() => void> = [];
  io.onMessage((m) => {
    if (m.type !== 'credit' || !(m.n > 0)) return;
    credits = Math.min(MAX_OUTSTANDING_CREDITS, credits + Math.floor(m.n));
    const wake = waiters;
    waiters = [];
    for (const w of wake) w();
  });
  return {
    type: 'credit-sink',
    get credits() {
      return credits;
    },
    onCredit(wake) {
      waiters.push(wake);
      return () => {
        const i = waiters.indexOf(wake);
        if (i >= 0) waiters.splice(i, 1);
      };
    },
    deliver(items) {
      if (items.length > credits) throw new Error(`delivered ${items.length} items on ${credits} credits`);
      credits -= items.length;
      // Cut for display here, in the run's thread: a 64 KB item never crosses to the main thread
      // whole, so what one message carries is bounded (ITEMS_PER_MESSAGE × MAX_DISPLAY_ITEM_BYTES).
      io.send({ type: 'items', items: items.map((item) => displayItem(item) as Item) });
    },
  };
}
