import { setKeepRunning } from '../actions/run-owner-actions.js';
import { isRunActive } from '../lib/run-gate.js';
import { useRunAccessStore } from '../stores/run-access-store.js';
import { useRunStore } from '../stores/run-store.js';

/**
 * "Keep running when I close this tab". Off by default: a run started here stops a short grace
 * period after its last tab closes, so a forgotten tab does not hold a server slot for hours.
 */
export function KeepRunningToggle() {
  const active = isRunActive(useRunStore((s) => s.phase));
  const owner = useRunAccessStore((s) => s.role !== 'watcher');
  const current = useRunAccessStore((s) => s.keepRunning);
  const next = useRunAccessStore((s) => s.nextKeepRunning);
  const checked = active ? current : next;
  const title = active
    ? checked
      ? 'This run keeps going when you close the tab; stop it from the Runs panel'
      : 'This run stops shortly after you close the tab (a reload within the grace period finds it)'
    : 'Keep the next run going when I close this tab';
  return (
    <label className={`keep-running${checked ? ' is-on' : ''}`} title={title} data-testid="keep-running">
      <input
        type="checkbox"
        className="keep-running__input"
        aria-label="Keep running when I close this tab"
        data-testid="keep-running-toggle"
        checked={checked}
        disabled={!owner}
        onChange={(e) => void setKeepRunning(e.target.checked)}
      />
      <span className="keep-running__text">Keep running</span>
      <span className="keep-running__short" aria-hidden="true">
        Keep
      </span>
    </label>
  );
}
