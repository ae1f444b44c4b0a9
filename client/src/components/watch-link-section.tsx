import { setShareWatch } from '../actions/run-owner-actions.js';
import { watchUrl } from '../lib/route.js';
import { isRunActive } from '../lib/run-gate.js';
import { useDocStore } from '../stores/doc-store.js';
import { useRunAccessStore } from '../stores/run-access-store.js';
import { useRunStore } from '../stores/run-store.js';
import { CopyField } from './copy-field.js';

/**
 * The live run's watch link, for its owner: anyone holding it sees the numbers, read-only. The
 * key sits in the link's fragment (after #), which browsers never send to the server, so it
 * stays out of access logs. On a saved graph it can also be offered on the graph's own page.
 */
export function WatchLinkSection() {
  const runId = useRunAccessStore((s) => s.runId);
  const role = useRunAccessStore((s) => s.role);
  const watchToken = useRunAccessStore((s) => s.watchToken);
  const shared = useRunAccessStore((s) => s.shareWatch);
  const active = isRunActive(useRunStore((s) => s.phase));
  const meta = useDocStore((s) => s.meta);
  if (!runId || role !== 'owner' || !active) return null;
  if (!watchToken) return <p className="muted">This server hands out no watch links for runs.</p>;
  const url = watchUrl(runId, watchToken);
  return (
    <div className="stack watch-link" data-testid="watch-link-section">
      <h3 className="section-title">Watch this run live</h3>
      <p>
        Anyone with this link sees the running graph’s numbers, <strong>read-only</strong>: they cannot stop
        it or change it.
      </p>
      <CopyField
        value={url}
        testId="watch-link"
        buttonTestId="copy-watch-link"
        label="Copy watch link"
        what="Watch link"
      />
      {meta && (
        <label
          className="check-row"
          title="Visitors of the graph's read-only link get a “Watch the owner’s live run” button"
        >
          <input
            type="checkbox"
            data-testid="share-watch-toggle"
            checked={shared}
            onChange={(e) => void setShareWatch(e.target.checked)}
          />
          Offer it on this graph’s shared page while it runs
        </label>
      )}
    </div>
  );
}
