import { useState } from 'react';
import { TRUNCATED_FIELD, truncatedBytes, truncatedLabel } from '../../../shared/protocol/display-item.js';
import { grantCredits } from '../api/socket-client.js';
import { formatCount } from '../lib/format.js';
import { cellText, isTimeCell, itemColumns } from '../lib/item-columns.js';
import { isRunActive } from '../lib/run-gate.js';
import { ITEMS_SINK_KIND, offersKind } from '../lib/sink-kinds.js';
import { useCatalogStore } from '../stores/catalog-store.js';
import { useGraphStore } from '../stores/graph-store.js';
import { useRunStore } from '../stores/run-store.js';
import { AUTO_WINDOW, EMPTY_SINK, ITEMS_LIMIT, outstanding, useSinkStore } from '../stores/sink-store.js';

const SHOWN_ROWS = 100;

/**
 * Items delivered to `browser` sinks. The sink only sends what it was granted: grant 1, 10 or
 * 100 more, or let auto keep a window open. With no credits it blocks, and its queue and
 * everything upstream fill — here the user is the slow consumer.
 */
export function ItemsTab() {
  const sinkIds = useGraphStore((s) =>
    s.nodes
      .filter((n) => n.data.kind === ITEMS_SINK_KIND)
      .map((n) => n.id)
      .join(','),
  );
  const offered = useCatalogStore((s) => offersKind(s.byKind, ITEMS_SINK_KIND));
  const ids = sinkIds ? sinkIds.split(',') : [];
  const [picked, setPicked] = useState<string | null>(null);
  const current = picked && ids.includes(picked) ? picked : ids[0];

  if (!current) {
    return (
      <div className="items-tab">
        <p className="empty-note">
          {offered
            ? 'Add a Browser sink to the graph: the items it receives appear here, and you decide how fast it consumes them by granting credits.'
            : 'This server has no browser sink yet.'}
        </p>
      </div>
    );
  }
  return (
    <div className="items-tab">
      {ids.length > 1 && (
        <div className="subtabs" role="tablist">
          {ids.map((id) => (
            <button
              key={id}
              type="button"
              role="tab"
              aria-selected={id === current}
              className={`subtab${id === current ? ' is-active' : ''}`}
              onClick={() => setPicked(id)}
            >
              {id}
            </button>
          ))}
        </div>
      )}
      <SinkItems nodeId={current} />
    </div>
  );
}

function SinkItems({ nodeId }: { nodeId: string }) {
  const sink = useSinkStore((s) => s.sinks[nodeId] ?? EMPTY_SINK);
  const active = useRunStore((s) => isRunActive(s.phase));
  const credit = outstanding(sink);
  const rows = sink.items.slice(-SHOWN_ROWS).reverse();
  // `_truncated` is the server's mark on an item cut for display, not a field of the item.
  const cols = itemColumns(rows.slice(0, 50).map((r) => r.value)).filter((c) => c !== TRUNCATED_FIELD);
  const anyCut = rows.some((r) => truncatedBytes(r.value) !== undefined);
  const setAuto = (auto: boolean) => {
    useSinkStore.getState().setAuto(nodeId, auto);
    if (auto) grantCredits(nodeId, AUTO_WINDOW - credit);
  };
  return (
    <>
      <div className="tab-toolbar" data-testid={`credits-${nodeId}`}>
        <span className="tab-toolbar__label">Grant</span>
        {[1, 10, 100].map((n) => (
          <button
            key={n}
            type="button"
            className="btn btn--small"
            data-testid={`grant-${n}`}
            disabled={!active || sink.auto}
            title={active ? `Let ${nodeId} take ${n} more item${n === 1 ? '' : 's'}` : 'Run the graph first'}
            onClick={() => grantCredits(nodeId, n)}
          >
            +{n}
          </button>
        ))}
        <label
          className="check"
          title={`Keep about a second of items in credits open (at least ${AUTO_WINDOW}): consume as fast as items come`}
        >
          <input
            type="checkbox"
            data-testid="credit-auto"
            checked={sink.auto}
            onChange={(e) => setAuto(e.target.checked)}
          />{' '}
          auto
        </label>
        <span
          className={`credit-count${credit === 0 && active ? ' is-zero' : ''}`}
          data-testid="credit-outstanding"
        >
          {credit} credit{credit === 1 ? '' : 's'} open
        </span>
        <span className="muted" data-testid="items-received">
          {formatCount(sink.received)} received
        </span>
        {credit === 0 && active && !sink.auto && (
          <span className="text-warn">
            {nodeId} is waiting for you: its input queue fills and backpressure travels upstream.
          </span>
        )}
      </div>
      <div className="items-table" data-testid={`items-${nodeId}`}>
        {rows.length === 0 ? (
          <p className="empty-note">
            {active
              ? 'No items yet: grant credits to let the sink take some.'
              : 'Run the graph, then grant credits.'}
          </p>
        ) : (
          <table>
            <thead>
              <tr>
                <th>#</th>
                {anyCut && <th aria-label="truncated" />}
                {cols.length > 0 ? cols.map((c) => <th key={c}>{c}</th>) : <th>item</th>}
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.seq}>
                  <td className="muted">{r.seq + 1}</td>
                  {anyCut && <TruncatedCell value={r.value} />}
                  {cols.length > 0 ? (
                    cols.map((c) => {
                      const v = (r.value as Record<string, unknown> | null)?.[c];
                      // A time cell keeps its exact epoch ms in the tooltip.
                      return (
                        <td key={c} title={isTimeCell(c, v) ? `${v} (epoch ms)` : undefined}>
                          {cellText(v, 80, c)}
                        </td>
                      );
                    })
                  ) : (
                    <td>{cellText(r.value)}</td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {sink.received > ITEMS_LIMIT && (
          <p className="muted items-table__note">
            Showing the newest {SHOWN_ROWS} of {formatCount(sink.received)}.
          </p>
        )}
      </div>
    </>
  );
}

/** Items over the display size come cut down by the server; say so, with the whole item's size. */
function TruncatedCell({ value }: { value: unknown }) {
  const bytes = truncatedBytes(value);
  if (bytes === undefined) return <td />;
  return (
    <td
      className="item-truncated"
      data-testid="item-truncated"
      title="The server sends the browser a preview of large items: long text is cut, big nested values elided."
    >
      {truncatedLabel(bytes)}
    </td>
  );
}
