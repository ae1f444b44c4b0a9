import { useRunStore } from '../stores/run-store.js';

const LABELS: Record<string, string> = { idle: 'idle' };

/** The run's status in one word; `data-status` carries the raw value for styling and tests. */
export function RunStatusPill() {
  const phase = useRunStore((s) => s.phase);
  const starting = useRunStore((s) => s.pending === 'start');
  const shown = starting ? 'starting' : phase;
  return (
    <output className={`status-pill status-pill--${shown}`} data-testid="run-status" data-status={shown}>
      <span className="status-pill__dot" aria-hidden="true" />
      {LABELS[shown] ?? shown}
    </output>
  );
}
