import { memo, useEffect, useState } from 'react';
import type { QueueListing } from '../../../shared/protocol/queue-inspect.js';
import { fetchQueueItems } from '../api/queue-api.js';
import { formatCount, formatMs } from '../lib/format.js';
import { cellText } from '../lib/item-columns.js';

/** Read again this often while the list is open (NiFi lists once; a live queue moves). */
const REFRESH_MS = 1_000;

/**
 * "List queue": the items waiting on an edge right now, head first with their age; the first and
 * last 100 when more wait, with a row saying how many lie between. Reads while open.
 */
export const EdgeQueueList = memo(function EdgeQueueList({
  runId,
  edgeId,
}: {
  runId: string;
  edgeId: string;
}) {
  const [listing, setListing] = useState<QueueListing | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [auto, setAuto] = useState(true);
  const [tick, setTick] = useState(0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `tick` is the refresh button's nudge
  useEffect(() => {
    let stop = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const read = () => {
      fetchQueueItems(runId, edgeId)
        .then((l) => {
          if (stop) return;
          setListing(l);
          setError(null);
          if (auto) timer = setTimeout(read, REFRESH_MS);
        })
        .catch((err: unknown) => {
          if (stop) return;
          setError(err instanceof Error ? err.message : String(err));
        });
    };
    read();
    return () => {
      stop = true;
      clearTimeout(timer);
    };
  }, [runId, edgeId, auto, tick]);

  const items = listing?.items ?? [];
  return (
    <div className="queue-list" data-testid="queue-list">
      <div className="queue-list__bar">
        <span className="muted" data-testid="queue-list-depth">
          {listing ? `${formatCount(listing.depth)} waiting` : 'Reading…'}
        </span>
        <span className="tab-toolbar__spacer" />
        <label className="check">
          <input type="checkbox" checked={auto} onChange={(e) => setAuto(e.target.checked)} /> auto
        </label>
        <button
          type="button"
          className="btn btn--ghost btn--small"
          data-testid="queue-list-refresh"
          onClick={() => setTick((t) => t + 1)}
        >
          Refresh
        </button>
      </div>
      {error ? (
        <p className="param__issue">{error}</p>
      ) : listing && items.length === 0 ? (
        <p className="muted" data-testid="queue-list-empty">
          Nothing waiting: the consumer keeps up.
        </p>
      ) : (
        <div className="drop-ledger">
          <table>
            <thead>
              <tr>
                <th>#</th>
                <th>Age</th>
                <th>Item</th>
              </tr>
            </thead>
            <tbody>
              {items.map((q, i) => (
                <QueueRow key={q.position} q={q} gap={i > 0 ? q.position - items[i - 1]!.position - 1 : 0} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
});

function QueueRow({ q, gap }: { q: QueueListing['items'][number]; gap: number }) {
  return (
    <>
      {gap > 0 && (
        <tr className="queue-list__gap">
          <td colSpan={3}>… {formatCount(gap)} more …</td>
        </tr>
      )}
      <tr data-testid="queue-list-row">
        <td>{q.position + 1}</td>
        <td>{formatMs(q.ageMs)}</td>
        <td className="drop-ledger__item" title={cellText(q.item, 2_000)}>
          {cellText(q.item, 48)}
        </td>
      </tr>
    </>
  );
}
