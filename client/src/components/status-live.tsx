import { formatCount, formatRate } from '../lib/format.js';
import { useCatalogStore } from '../stores/catalog-store.js';
import { useGraphStore } from '../stores/graph-store.js';
import { useTelemetryStore } from '../stores/telemetry-store.js';

/**
 * The run at a glance in the status bar: delivery rate, queued items, drops and errors. Errors
 * and drops turn red as soon as there is one, so a failing node is noticed without looking for it.
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
    let dropped = 0;
    for (const e of Object.values(f.edges)) {
      queued += e.depth;
      dropped += e.dropped;
    }
    return `${delivered}|${queued}|${dropped}|${errors}`;
  });
  if (!summary) return null;
  const [delivered = 0, queued = 0, dropped = 0, errors = 0] = summary.split('|').map(Number);
  return (
    <span className="status-live mono" data-testid="status-live">
      <span title="Items per second reaching sinks">delivered {formatRate(delivered)}</span>
      <span title="Items waiting in all queues">queued {formatCount(queued)}</span>
      <span className={dropped > 0 ? 'text-bad' : undefined} title="Items dropped by overflow policies">
        dropped {formatCount(dropped)}
      </span>
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
