import { formatMs } from '../lib/format.js';
import type { Waterfall } from '../lib/waterfall.js';

/** The Trace tab's item picker (live and recorded items alike): newest first. */
export function TracePicker({
  value,
  labels,
  onPick,
}: {
  value: string;
  labels: ReadonlyArray<readonly [string, string]>;
  onPick: (traceId: string) => void;
}) {
  return (
    <label className="trace-tab__pick">
      <span className="tab-toolbar__label">Item</span>
      <select
        className="input input--small"
        data-testid="trace-select"
        value={value}
        onChange={(e) => onPick(e.target.value)}
      >
        {labels.map(([t, label]) => (
          <option key={t} value={t}>
            {label}
          </option>
        ))}
      </select>
    </label>
  );
}

/** The sentence above a waterfall: the item's story, then its queued and served time on this path. */
export function TraceSummaryLine({
  summary,
  waterfall,
  omitted = 0,
}: {
  summary: string;
  waterfall: Waterfall;
  omitted?: number;
}) {
  return (
    <p className="trace-tab__summary" data-testid="trace-summary">
      <strong>{summary}</strong>
      {waterfall.rows.length > 0 && (
        <span className="muted">
          {' '}
          · on this path: queued {formatMs(waterfall.waitMs)} · served {formatMs(waterfall.serviceMs)}
          {omitted > 0 && ` · ${omitted} hops not kept`}
        </span>
      )}
    </p>
  );
}
