import { saveGraph } from '../actions/doc-actions.js';
import { shareUrl } from '../lib/route.js';
import { useDocStore } from '../stores/doc-store.js';
import { useGraphStore } from '../stores/graph-store.js';
import { CopyField } from './copy-field.js';
import { Modal } from './modal.js';
import { WatchLinkSection } from './watch-link-section.js';

/** The read-only link of the saved graph. The edit token never goes into it. */
export function ShareDialog() {
  const meta = useDocStore((s) => s.meta);
  const dirty = useDocStore((s) => s.dirty);
  const saving = useDocStore((s) => s.saving);
  const readOnly = useGraphStore((s) => s.readOnly);
  const empty = useGraphStore((s) => s.nodes.length === 0);
  const url = meta ? shareUrl(meta.slug) : '';

  return (
    <Modal title="Share" testId="share-dialog">
      <WatchLinkSection />
      {!meta && empty ? (
        <p data-testid="share-nothing">
          Nothing to share yet: draw a graph or open an example, then save it to get a link.
        </p>
      ) : !meta ? (
        <div className="stack">
          <p>Save the graph first: the link points at a saved revision.</p>
          <button
            type="button"
            className="btn btn--primary"
            disabled={saving}
            onClick={() => void saveGraph()}
          >
            Save now
          </button>
        </div>
      ) : (
        <div className="stack">
          <p>
            Anyone with this link can <strong>view, run and fork</strong> the graph. Editing stays with you:
            the edit token is kept in this browser, never in the link.
          </p>
          <CopyField value={url} testId="share-link" buttonTestId="copy-link" label="Copy link" what="Link" />
          {dirty && !readOnly && (
            <p className="callout callout--warn">
              The link shows revision {meta.revision}. Your unsaved changes are not in it yet.{' '}
              <button type="button" className="link" disabled={saving} onClick={() => void saveGraph()}>
                Save a new revision
              </button>
            </p>
          )}
        </div>
      )}
    </Modal>
  );
}
