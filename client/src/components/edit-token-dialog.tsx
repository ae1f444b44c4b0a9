import { editTokenFor } from '../lib/edit-tokens.js';
import { useDocStore } from '../stores/doc-store.js';
import { useGraphStore } from '../stores/graph-store.js';
import { useUiStore } from '../stores/ui-store.js';
import { CopyField } from './copy-field.js';
import { Modal } from './modal.js';

/**
 * Shown once, right after a graph is first saved (or forked): its edit token, to copy and keep.
 * This browser keeps it too, but another browser (or this one after clearing its data) can edit
 * the graph only with the token pasted in.
 */
export function EditTokenDialog() {
  const meta = useDocStore((s) => s.meta);
  const name = useGraphStore((s) => s.name);
  const token = meta ? editTokenFor(meta.graphId) : undefined;
  const close = useUiStore((s) => s.closeDialog);

  return (
    <Modal
      title="Keep your edit token"
      testId="edit-token-dialog"
      footer={
        <>
          <span className="modal__foot-note">It is not shown again.</span>
          <button type="button" className="btn" onClick={() => useUiStore.getState().openDialog('share')}>
            Share link…
          </button>
          <button type="button" className="btn btn--primary" data-testid="edit-token-done" onClick={close}>
            Done
          </button>
        </>
      }
    >
      {!token ? (
        <p>This graph was not saved from this browser, so there is no edit token to show.</p>
      ) : (
        <div className="stack">
          <p>
            <strong>“{name}”</strong> is saved. Anyone with its link can view, run and fork it; changing it
            needs this edit token.
          </p>
          <CopyField
            value={token}
            testId="edit-token-value"
            buttonTestId="copy-edit-token"
            ariaLabel="Edit token"
            rowClassName="token-row"
            inputClassName="token-row__value"
            label="Copy"
            what="Edit token"
            note="keep it somewhere safe"
            autoFocus
          />
          <ul className="token-advice">
            <li>
              This browser remembers it. Copy it into a password manager to edit from another browser, or
              after clearing this site’s data.
            </li>
            <li>
              On another browser: open the link, choose <strong>I have the edit token</strong> and paste it.
            </li>
            <li>Keep it to yourself: whoever has it can change the graph. It never goes into the link.</li>
          </ul>
        </div>
      )}
    </Modal>
  );
}
