import { useRef, useState } from 'react';
import { fillLevel, fillRatio } from '../../../shared/analysis/fill-level.js';
import type { Overflow } from '../../../shared/graph/graph-schema.js';
import { useLowDetail } from '../hooks/use-low-detail.js';
import { dropRateText } from '../lib/edge-metrics.js';
import type { Held } from '../lib/flow-types.js';
import { compact, formatCount, formatMs } from '../lib/format.js';
import { openCanvasMenu } from '../stores/canvas-menu-store.js';
import { useGraphStore } from '../stores/graph-store.js';
import { useAnimated, useEdgeTelemetry, useTelemetryStore } from '../stores/telemetry-store.js';
import { EdgeHoverCard } from './edge-hover-card.js';

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
  /** Deleted but still running, or drawn but not running yet. */
  held?: Held | undefined;
  /** A `nats` edge: a JetStream stream between processes (badge, boxed bar, redeliveries). */
  broker?: boolean;
  /** The document asks to fuse it (issue 21); a frame's `fused` is the truth once running. */
  fuse?: boolean;
}

/**
 * The queue's gauge: a fill bar and `depth/capacity`, coloured green / yellow / red, drops when
 * there are any, and "full in …" while it fills. Extras hang outside the chip so it stays
 * centred on its edge and does not jitter at 10 Hz. Hovering shows every metric.
 */
export function QueueEdgeLabel(props: Props) {
  return useLowDetail() ? <QueueEdgeBar {...props} /> : <QueueEdgeGauge {...props} />;
}

/**
 * Low detail: the gauge's click target only. The overview layer paints its fill every frame
 * underneath (overview-layer.tsx); this box re-renders only when the queue changes colour.
 */
function QueueEdgeBar({ id, x, y, capacity, selected, broker }: Props) {
  const level = useTelemetryStore((s) => {
    const t = s.frame?.edges[id];
    return t ? fillLevel(t.depth, t.capacity) : 'none';
  });
  return (
    <button
      type="button"
      className={`sl-edge-bar${selected ? ' is-selected' : ''}${broker ? ' is-broker' : ''} nodrag nopan`}
      data-testid={`edge-label-${id}`}
      data-fill={level}
      data-transport={broker ? 'nats' : 'memory'}
      aria-label={`${broker ? 'Broker queue' : 'Queue'} ${id}, capacity ${capacity}`}
      style={{ transform: `translate(-50%, -50%) translate(${x}px, ${y}px)` }}
      onClick={() => useGraphStore.getState().select({ type: 'edge', id })}
    />
  );
}

function QueueEdgeGauge({ id, x, y, capacity, overflow, selected, hasIssues, held, broker, fuse }: Props) {
  const t = useEdgeTelemetry(id);
  const fused = t ? t.fused === true : fuse === true;
  const live = useAnimated();
  const [anchor, setAnchor] = useState<DOMRect | null>(null);
  const ref = useRef<HTMLButtonElement>(null);
  const cap = t?.capacity ?? capacity;
  const level = t ? fillLevel(t.depth, cap) : 'none';
  const ratio = t ? fillRatio(t.depth, cap) : 0;
  const tag = POLICY_TAG[overflow];
  const filling = t && live && t.etaFullMs !== null && t.depth < cap ? formatMs(t.etaFullMs) : null;
  // What the policy turns away right now, beside the total: a total alone cannot say whether it still drops.
  const dropping = t && live && t.dropRate !== undefined && t.dropRate >= 1 ? t.dropRate : null;
  const classes = [
    'sl-edge-label',
    `fill-${level}`,
    selected ? 'is-selected' : '',
    hasIssues ? 'has-issues' : '',
    t && !live ? 'is-stale' : '',
    held ? `is-held-${held}` : '',
    broker ? 'sl-edge-label--broker' : '',
  ]
    .filter(Boolean)
    .join(' ');
  const ends = () => {
    const e = useGraphStore.getState().edges.find((edge) => edge.id === id);
    return e ? `${e.source}.${e.sourceHandle} → ${e.target}.${e.targetHandle}` : '';
  };

  return (
    <button
      ref={ref}
      type="button"
      className={`${classes} nodrag nopan`}
      data-testid={`edge-label-${id}`}
      data-fill={level}
      data-held={held}
      data-transport={broker ? 'nats' : 'memory'}
      aria-label={`${broker ? 'Broker queue (NATS)' : 'Queue'} ${id}${held === 'removed' ? ', deleted: runs until the next run' : held === 'added' ? ', not running yet' : ''}`}
      style={{ transform: `translate(-50%, -50%) translate(${x}px, ${y}px)` }}
      onClick={() => useGraphStore.getState().select({ type: 'edge', id })}
      onContextMenu={(e) => {
        e.preventDefault();
        openCanvasMenu({ edge: { edgeId: id, x: e.clientX, y: e.clientY } });
      }}
      onPointerEnter={() => setAnchor(ref.current?.getBoundingClientRect() ?? null)}
      onPointerLeave={() => setAnchor(null)}
    >
      {broker && (
        <span className="sl-edge-label__nats" data-testid={`edge-nats-${id}`} title="A NATS JetStream stream">
          NATS
        </span>
      )}
      <span className="sl-edge-label__row">
        {fused ? (
          // No queue: a depth over a capacity would mean nothing. Items are still counted (hover).
          <span
            className="sl-edge-label__text"
            data-testid={`edge-fused-${id}`}
            title="Fused (fast path): both ends run as one loop, no queue between them"
          >
            ⇉ fused
          </span>
        ) : (
          <span className="sl-edge-label__text">
            {t ? compact(t.depth) : '–'}/{compact(cap)}
          </span>
        )}
        {t && t.dropped > 0 && (
          <span
            className="sl-edge-label__drops"
            data-testid={`edge-drops-${id}`}
            title={`${formatCount(t.dropped)} dropped in total`}
          >
            ▼{compact(t.dropped)}
          </span>
        )}
        {t?.expired ? (
          <span
            className="sl-edge-label__drops"
            data-testid={`edge-expired-${id}`}
            title={`${formatCount(t.expired)} expired (waited longer than expireMs)`}
          >
            ◷{compact(t.expired)}
          </span>
        ) : null}
        {t?.emptied ? (
          <span
            className="sl-edge-label__drops"
            data-testid={`edge-emptied-${id}`}
            title={`${formatCount(t.emptied)} removed with "Empty queue"`}
          >
            ∅{compact(t.emptied)}
          </span>
        ) : null}
        {t?.redelivered ? (
          <span
            className="sl-edge-label__redelivered"
            data-testid={`edge-redelivered-${id}`}
            title={`${formatCount(t.redelivered)} delivered again (a consumer died or did not ack in time)`}
          >
            ↻{compact(t.redelivered)}
          </span>
        ) : null}
      </span>
      <span
        className="sl-edge-label__bar"
        aria-hidden="true"
        style={{
          background: `linear-gradient(to right, var(--level) ${ratio * 100}%, var(--raised) ${ratio * 100}%)`,
        }}
      />
      {(tag || filling || dropping !== null) && (
        <span className="sl-edge-label__extras">
          {tag && <span className="sl-edge-label__tag">{tag}</span>}
          {dropping !== null && (
            <span className="sl-edge-label__eta sl-edge-label__droprate" data-testid={`edge-droprate-${id}`}>
              dropping {dropRateText(dropping, t?.offeredRate)}
            </span>
          )}
          {filling && (
            <span className="sl-edge-label__eta" data-testid={`edge-eta-${id}`}>
              full in {filling}
            </span>
          )}
        </span>
      )}
      {anchor && (
        <EdgeHoverCard
          id={id}
          anchor={anchor}
          overflow={overflow}
          capacity={cap}
          ends={ends()}
          broker={Boolean(broker)}
        />
      )}
    </button>
  );
}
