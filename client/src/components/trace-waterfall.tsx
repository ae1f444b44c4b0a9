import type { CSSProperties } from 'react';
import { formatMs } from '../lib/format.js';
import { msTicks } from '../lib/ms-ticks.js';
import type { Waterfall, WaterfallRow } from '../lib/waterfall.js';

const pct = (ms: number, span: number) => `${Math.min(100, Math.max(0, (ms / span) * 100))}%`;

/** Numbers beside a row: what it cost the item there, in ms (and how many items were ahead). */
function rowNumbers(row: WaterfallRow): string {
  if (row.kind === 'edge') {
    const ahead = row.depth === undefined ? '' : ` · ${row.depth} ahead`;
    return row.bars.length > 0 ? `wait ${formatMs(row.waitMs)}${ahead}` : ahead.slice(3);
  }
  return row.bars.some((b) => b.kind === 'service') ? `service ${formatMs(row.serviceMs)}` : '';
}

/**
 * One followed item's path as a waterfall: a row per queue and node, bars for time queued
 * (wait) and served on a shared axis, retries, drops and the delivery marked where they happened.
 */
export function TraceWaterfall({ waterfall }: { waterfall: Waterfall }) {
  const { rows, spanMs } = waterfall;
  const ticks = msTicks(spanMs, 6);
  return (
    <div className="waterfall" data-testid="trace-waterfall">
      <div className="waterfall__row waterfall__axis" aria-hidden="true">
        <span />
        <div className="waterfall__track">
          {ticks.map((t) => (
            <span key={t} className="waterfall__tick" style={{ left: pct(t, spanMs) }}>
              {formatMs(t)}
            </span>
          ))}
        </div>
        <span />
      </div>
      {rows.map((row) => (
        <div
          key={row.key}
          className={`waterfall__row is-${row.kind}`}
          data-testid={`waterfall-row-${row.id}`}
          data-wait-ms={Math.round(row.waitMs * 10) / 10}
          data-service-ms={Math.round(row.serviceMs * 10) / 10}
          data-depth={row.depth}
        >
          <span
            className="waterfall__name"
            title={row.kind === 'edge' ? `queue ${row.id}` : `node ${row.id}`}
          >
            <span className="waterfall__kind" aria-hidden="true">
              {row.kind === 'edge' ? '≡' : '●'}
            </span>
            {row.id}
          </span>
          <div className="waterfall__track">
            {ticks.map((t) => (
              <span key={t} className="waterfall__grid" style={{ left: pct(t, spanMs) }} />
            ))}
            {row.bars.map((bar, i) => (
              <span
                // biome-ignore lint/suspicious/noArrayIndexKey: bars never reorder within a row
                key={i}
                className={`waterfall__bar is-${bar.kind}${bar.open ? ' is-open' : ''}`}
                style={
                  { left: pct(bar.from, spanMs), width: pct(bar.to - bar.from, spanMs) } as CSSProperties
                }
                title={`${bar.kind} ${formatMs(bar.to - bar.from)}`}
              />
            ))}
            {row.marks.map((mark, i) => (
              <span
                // biome-ignore lint/suspicious/noArrayIndexKey: marks never reorder within a row
                key={i}
                className={`waterfall__mark is-${mark.kind}${mark.at > spanMs * 0.6 ? ' is-left' : ''}`}
                style={{ left: pct(mark.at, spanMs) }}
                data-testid={`waterfall-mark-${mark.kind}`}
              >
                {mark.kind === 'delivered' ? '✓' : mark.kind === 'retried' ? '↻' : '✕'} {mark.text}
              </span>
            ))}
          </div>
          <span className="waterfall__nums">{rowNumbers(row)}</span>
        </div>
      ))}
      <p className="waterfall-legend">
        <span>
          <i className="waterfall-swatch is-wait" /> queued (wait)
        </span>
        <span>
          <i className="waterfall-swatch is-service" /> in service
        </span>
        <span>
          <i className="waterfall-swatch is-backoff" /> retry backoff
        </span>
      </p>
    </div>
  );
}
