import { memo } from 'react';
import { fillLevel } from '../../../shared/analysis/fill-level.js';
import { rhoText } from '../../../shared/analysis/load-words.js';
import { useIsPhone } from '../hooks/use-phone.js';
import type { QueueEdge, SluiceNode } from '../lib/flow-types.js';
import { formatCount, formatMs, formatPercent, formatRate } from '../lib/format.js';
import { limiterReading } from '../lib/limiter-reading.js';
import { useCatalogEntry } from '../stores/catalog-store.js';
import { useGraphStore } from '../stores/graph-store.js';
import {
  useEdgeTelemetry,
  useNodeAverages,
  useNodeTelemetry,
  useTelemetryStore,
} from '../stores/telemetry-store.js';
import { FailedBadge } from './failed-badge.js';
import { GroupNumbers } from './group-box.js';
import { LessonPanel } from './lesson-panel.js';

const DASH = '—';

/** One queue into a node: how full it is, coloured as on the canvas, and what it dropped. */
function QueueLine({ edge, from }: { edge: QueueEdge; from: string }) {
  const t = useEdgeTelemetry(edge.id);
  const capacity = t?.capacity ?? edge.data?.capacity ?? 0;
  if (t?.fused)
    return (
      <div className="phone-row__queue" data-testid={`phone-queue-${edge.id}`}>
        <span className="muted">fused with {from}: one loop, no queue</span>
      </div>
    );
  return (
    <div className="phone-row__queue" data-testid={`phone-queue-${edge.id}`}>
      <span className="muted">queue from {from}</span>
      <span className={t ? `fill-${fillLevel(t.depth, capacity)}` : undefined}>
        {t ? formatCount(t.depth) : DASH}/{formatCount(capacity)}
      </span>
      {t?.meanWaitMs !== undefined && <span className="muted">wait {formatMs(t.meanWaitMs)}</span>}
      {t && t.dropped > 0 && <span className="text-bad">dropped {formatCount(t.dropped)}</span>}
      {t?.expired ? <span className="text-bad">expired {formatCount(t.expired)}</span> : null}
    </div>
  );
}

/** A limiter's gauge as one phrase ('used in window 199/200'), as its card reads it. */
function LimiterLine({ reading }: { reading: { label: string; text: string } }) {
  return <span>{`${reading.label} ${reading.text}`}</span>;
}

const NodeRow = memo(function NodeRow({ node, inputs }: { node: SluiceNode; inputs: QueueEdge[] }) {
  const entry = useCatalogEntry(node.data.kind);
  const t = useNodeTelemetry(node.id);
  // After the run: rates averaged over it, as the nodes on the canvas show them.
  const avg = useNodeAverages(node.id);
  const rates = avg ?? t;
  const shares = avg?.shares ?? t;
  const category = entry?.category;
  return (
    <li className={`phone-row cat-${category ?? 'unknown'}`} data-testid={`phone-row-${node.id}`}>
      <div className="phone-row__head">
        <span className="kind-icon" aria-hidden="true">
          {entry?.icon ?? '?'}
        </span>
        <span className="phone-row__title">{node.data.label ?? entry?.title ?? node.data.kind}</span>
        <span className="muted mono">{node.id}</span>
        <FailedBadge id={node.id} />
      </div>
      <div className="phone-row__nums mono">
        {category !== 'source' && (
          <span>{`${avg ? 'avg in' : 'in'} ${rates ? formatRate(rates.inRate) : DASH}`}</span>
        )}
        {category !== 'sink' && (
          <span
            data-testid={`phone-out-${node.id}`}
          >{`${avg ? 'avg out' : 'out'} ${rates ? formatRate(rates.outRate) : DASH}`}</span>
        )}
        <span>busy {shares ? formatPercent(shares.busy) : DASH}</span>
        {t?.utilization !== undefined && <span>ρ {rhoText(t.utilization)}</span>}
        {shares && shares.backpressured > 0.005 && (
          <span className="text-warn">held back {formatPercent(shares.backpressured)}</span>
        )}
        {t && t.errors > 0 && <span className="text-bad">{formatCount(t.errors)} err</span>}
        {/* What the node itself discarded (a limiter in drop mode, a capped file), as its card says. */}
        {t?.dropped ? <span className="text-bad">dropped {formatCount(t.dropped)}</span> : null}
        {t?.limiter && <LimiterLine reading={limiterReading(t.limiter)} />}
      </div>
      {inputs.map((e) => (
        <QueueLine key={e.id} edge={e} from={e.source} />
      ))}
    </li>
  );
});

/**
 * A phone's view of the live numbers: at the zoom that fits a graph on a 390 px screen the
 * numbers on the canvas are a few pixels high, so below the canvas (kept as the overview) each
 * node is a row of text at a readable size: its rates, how busy it is, and the queues into it.
 */
export function PhoneNumbers() {
  const phone = useIsPhone();
  const nodes = useGraphStore((s) => s.nodes);
  const edges = useGraphStore((s) => s.edges);
  const collapsed = useGraphStore((s) => s.groups).filter((g) => g.collapsed);
  const running = useTelemetryStore((s) => s.frame !== null);
  if (!phone || nodes.length === 0) return null;
  return (
    <section className="phone-numbers" data-testid="phone-numbers" aria-label="Live numbers by node">
      {/* An example picked from the gallery on a phone is a lesson too: its steps come first. */}
      <LessonPanel />
      {!running && <p className="muted phone-numbers__hint">Press Run to see each node’s numbers here.</p>}
      <ul className="phone-numbers__list">
        {/* A collapsed group reads as one node on the canvas: here too, first, with its numbers. */}
        {collapsed.map((g) => (
          <li key={g.id} className="phone-row phone-row--group" data-testid={`phone-group-${g.id}`}>
            <div className="phone-row__head">
              <span className="kind-icon" aria-hidden="true">
                ▣
              </span>
              <span className="phone-row__title">{g.title || g.id}</span>
              <span className="muted">group of {g.nodeIds.length}</span>
            </div>
            <GroupNumbers groupId={g.id} testPrefix="phone-group" />
          </li>
        ))}
        {nodes.map((n) => (
          <NodeRow key={n.id} node={n} inputs={edges.filter((e) => e.target === n.id)} />
        ))}
      </ul>
    </section>
  );
}
