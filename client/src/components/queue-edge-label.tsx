import { useRef, useState } from 'react';
import { fillLevel } from '../../../shared/analysis/fill-level.js';
import type { Overflow } from '../../../shared/graph/graph-schema.js';
import { useLiveWrites, writeAttr, writeStyle, writeText } from '../hooks/use-live-writes.js';
import { useLowDetail } from '../hooks/use-low-detail.js';
import { edgeLabelShape, edgeLabelView } from '../lib/edge-label-view.js';
import type { Held } from '../lib/flow-types.js';
import { openCanvasMenu } from '../stores/canvas-menu-store.js';
import { useGraphStore } from '../stores/graph-store.js';
import { type TelemetryState, useTelemetryStore } from '../stores/telemetry-store.js';
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
  const viewOf = (s: TelemetryState) =>
    edgeLabelView(s.frame?.edges[id], capacity, fuse === true, s.live || s.past);
  // Renders when the shape changes (colour, counters appearing, filling or not); the numbers
  // are written into it on every frame (useLiveWrites), so a tick re-renders no gauge.
  useTelemetryStore((s) => edgeLabelShape(s.frame?.edges[id], fuse === true, s.live || s.past));
  const v = viewOf(useTelemetryStore.getState());
  const cap = useTelemetryStore((s) => s.frame?.edges[id]?.capacity ?? capacity);
  const [anchor, setAnchor] = useState<DOMRect | null>(null);
  const ref = useRef<HTMLButtonElement>(null);
  const depthRef = useRef<HTMLSpanElement>(null);
  const barRef = useRef<HTMLSpanElement>(null);
  const counts = useRef<Record<CountKey, HTMLSpanElement | null>>({
    drops: null,
    expired: null,
    emptied: null,
    redelivered: null,
  });
  const droppingRef = useRef<HTMLSpanElement>(null);
  const fillingRef = useRef<HTMLSpanElement>(null);
  useLiveWrites((s) => {
    const now = viewOf(s);
    writeText(depthRef.current, now.depthText);
    writeStyle(barRef.current, 'background', now.bar);
    for (const key of COUNT_KEYS) {
      const c = now[key];
      if (!c) continue;
      writeText(counts.current[key], c.text);
      writeAttr(counts.current[key], 'title', c.title);
    }
    if (now.dropping) writeText(droppingRef.current, now.dropping);
    if (now.filling) writeText(fillingRef.current, now.filling);
  });
  const tag = POLICY_TAG[overflow];
  const classes = [
    'sl-edge-label',
    `fill-${v.level}`,
    selected ? 'is-selected' : '',
    hasIssues ? 'has-issues' : '',
    v.stale ? 'is-stale' : '',
    held ? `is-held-${held}` : '',
    broker ? 'sl-edge-label--broker' : '',
  ]
    .filter(Boolean)
    .join(' ');
  const ends = () => {
    const e = useGraphStore.getState().edges.find((edge) => edge.id === id);
    return e ? `${e.source}.${e.sourceHandle} → ${e.target}.${e.targetHandle}` : '';
  };
  const countSpan = (key: CountKey) =>
    v[key] && (
      <span
        ref={(el) => {
          counts.current[key] = el;
        }}
        className={key === 'redelivered' ? 'sl-edge-label__redelivered' : 'sl-edge-label__drops'}
        data-testid={`edge-${key}-${id}`}
      />
    );

  return (
    <button
      ref={ref}
      type="button"
      className={`${classes} nodrag nopan`}
      data-testid={`edge-label-${id}`}
      data-fill={v.level}
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
        {v.fused ? (
          // No queue: a depth over a capacity would mean nothing. Items are still counted (hover).
          <span
            className="sl-edge-label__text"
            data-testid={`edge-fused-${id}`}
            title="Fused (fast path): both ends run as one loop, no queue between them"
          >
            ⇉ fused
          </span>
        ) : (
          <span ref={depthRef} className="sl-edge-label__text" />
        )}
        {countSpan('drops')}
        {countSpan('expired')}
        {countSpan('emptied')}
        {countSpan('redelivered')}
      </span>
      <span ref={barRef} className="sl-edge-label__bar" aria-hidden="true" />
      {(tag || v.filling || v.dropping !== null) && (
        <span className="sl-edge-label__extras">
          {tag && <span className="sl-edge-label__tag">{tag}</span>}
          {v.dropping !== null && (
            <span
              ref={droppingRef}
              className="sl-edge-label__eta sl-edge-label__droprate"
              data-testid={`edge-droprate-${id}`}
            />
          )}
          {v.filling && (
            <span ref={fillingRef} className="sl-edge-label__eta" data-testid={`edge-eta-${id}`} />
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

type CountKey = 'drops' | 'expired' | 'emptied' | 'redelivered';
const COUNT_KEYS: readonly CountKey[] = ['drops', 'expired', 'emptied', 'redelivered'];
