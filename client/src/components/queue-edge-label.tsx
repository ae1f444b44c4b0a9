import type { Overflow } from '../../../shared/graph/graph-schema.js';
import { fillLevel, fillRatio } from '../lib/fill-level.js';
import { compact, formatMs } from '../lib/format.js';
import { useGraphStore } from '../stores/graph-store.js';
import { useEdgeTelemetry, useTelemetryStore } from '../stores/telemetry-store.js';

const POLICY_TAG: Record<Overflow, string | null> = {
  block: null,
  'drop-newest': 'drop new',
  'drop-oldest': 'drop old',
};

interface Props {
  id: string;
  x: number;
  y: number;
  capacity: number;
  overflow: Overflow;
  selected: boolean;
  hasIssues: boolean;
}

/**
 * The queue's gauge: a fill bar and `depth/capacity`, coloured green / yellow / red, plus drops
 * when there are any. Fixed widths keep it still while the numbers change at 10 Hz.
 */
export function QueueEdgeLabel({ id, x, y, capacity, overflow, selected, hasIssues }: Props) {
  const t = useEdgeTelemetry(id);
  const live = useTelemetryStore((s) => s.live);
  const cap = t?.capacity ?? capacity;
  const level = t ? fillLevel(t.depth, cap) : 'none';
  const ratio = t ? fillRatio(t.depth, cap) : 0;
  const tag = POLICY_TAG[overflow];
  const title = t
    ? `Queue ${id}: ${t.depth} of ${cap} (${overflow})` +
      ` · blocked ${Math.round(t.blockedRatio * 100)}%` +
      (t.etaFullMs !== null ? ` · full in ${formatMs(t.etaFullMs)}` : '')
    : `Queue ${id}: capacity ${cap}, ${overflow} when full`;
  const classes = [
    'sl-edge-label',
    `fill-${level}`,
    selected ? 'is-selected' : '',
    hasIssues ? 'has-issues' : '',
    t && !live ? 'is-stale' : '',
  ]
    .filter(Boolean)
    .join(' ');

  return (
    <button
      type="button"
      className={`${classes} nodrag nopan`}
      data-testid={`edge-label-${id}`}
      data-fill={level}
      title={title}
      style={{ transform: `translate(-50%, -50%) translate(${x}px, ${y}px)` }}
      onClick={() => useGraphStore.getState().select({ type: 'edge', id })}
    >
      <span className="sl-edge-label__row">
        <span className="sl-edge-label__text">
          {t ? compact(t.depth) : '–'}/{compact(cap)}
        </span>
        {t && t.dropped > 0 && (
          <span className="sl-edge-label__drops" data-testid={`edge-drops-${id}`}>
            ▼{compact(t.dropped)}
          </span>
        )}
      </span>
      <span className="sl-edge-label__bar" aria-hidden="true">
        <span className="sl-edge-label__fill" style={{ width: `${ratio * 100}%` }} />
      </span>
      {tag && <span className="sl-edge-label__tag">{tag}</span>}
    </button>
  );
}
