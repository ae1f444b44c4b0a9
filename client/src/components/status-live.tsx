import { formatCount, formatRate } from '../lib/format.js';
import { frameLosses, leftInQueues, lossParts } from '../lib/losses.js';
import { useCatalogStore } from '../stores/catalog-store.js';
import { useGraphStore } from '../stores/graph-store.js';
import { useRunStore } from '../stores/run-store.js';
import { useTelemetryStore } from '../stores/telemetry-store.js';

/**
 * The run at a glance in the status bar: delivery rate, queued items, every loss by name
 * (dropped, rejected, dead-lettered, skipped — each only when there was one) and errors. Losses
 * and errors are red, so a failing node is noticed without looking for it. After the run the
 * rate is its average over the run, and says so (not while the timeline shows an instant of it).
 * Items a failed or stopped run left in its queues are a loss ("9 left in queues"), not "queued".
 */
export function StatusLive() {
  const summary = useTelemetryStore((s) => {
    const f = s.frame;
    if (!f) return null;
    const { nodes } = useGraphStore.getState();
    const { byKind } = useCatalogStore.getState();
    let delivered = 0;
    let errors = 0;
    for (const n of nodes) {
      const t = f.nodes[n.id];
      if (!t) continue;
      errors += t.errors;
      if (byKind[n.data.kind]?.category === 'sink') delivered += t.inRate;
    }
    let queued = 0;
    for (const e of Object.values(f.edges)) queued += e.depth;
    const l = frameLosses(f);
    return [
      delivered,
      queued,
      errors,
      l.dropped,
      l.rejected,
      l.deadLettered,
      l.skipped,
      l.expired,
      l.emptied,
    ].join('|');
  });
  // After the run: what reached the sinks per second on average, not the last frame's rate —
  // unless the timeline shows one instant of it: that instant's rate, as the canvas shows it.
  const avgDelivered = useTelemetryStore((s) => {
    if (!s.averages || s.past) return null;
    const { nodes } = useGraphStore.getState();
    const { byKind } = useCatalogStore.getState();
    let sum = 0;
    for (const n of nodes)
      if (byKind[n.data.kind]?.category === 'sink') sum += s.averages.nodes[n.id]?.inRate ?? 0;
    return sum;
  });
  const phase = useRunStore((s) => s.phase);
  const past = useTelemetryStore((s) => s.past);
  if (!summary) return null;
  const [
    delivered = 0,
    queued = 0,
    errors = 0,
    dropped = 0,
    rejected = 0,
    deadLettered = 0,
    skipped = 0,
    expired = 0,
    emptied = 0,
  ] = summary.split('|').map(Number);
  // A failed or stopped run's queued items will never arrive: they are named as lost instead.
  // Not at an earlier instant of it, where they were queued and went on.
  const left = past ? 0 : leftInQueues(phase, queued);
  const losses = lossParts({ dropped, rejected, deadLettered, skipped, expired, emptied }, left);
  return (
    <span className="status-live mono" data-testid="status-live">
      {avgDelivered !== null ? (
        <span
          title="Items per second that reached sinks, averaged over the whole run"
          data-testid="status-avg"
        >
          delivered {formatRate(avgDelivered)} <span className="muted">avg over run</span>
        </span>
      ) : (
        <span title="Items per second reaching sinks">delivered {formatRate(delivered)}</span>
      )}
      {left === 0 && <span title="Items waiting in all queues">queued {formatCount(queued)}</span>}
      {losses.length === 0 ? (
        <span className="muted" title="Nothing dropped, rejected, dead-lettered or skipped">
          nothing lost
        </span>
      ) : (
        losses.map((l) => (
          <span key={l.key} className="text-bad" data-testid={`status-${l.key}`} title={l.title}>
            {l.text}
          </span>
        ))
      )}
      <span
        className={errors > 0 ? 'text-bad' : undefined}
        data-testid="status-errors"
        title="Items that failed"
      >
        errors {formatCount(errors)}
      </span>
    </span>
  );
}
