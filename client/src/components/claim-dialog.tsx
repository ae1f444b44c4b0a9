import { useState } from 'react';
import { claimEditRights } from '../actions/claim-actions.js';
import { useUiStore } from '../stores/ui-store.js';
import { Modal } from './modal.js';

/** The owner on another browser pastes the edit token shown at the first save, and edits. */
export function ClaimDialog() {
  const [text, setText] = useState('');
  const [problem, setProblem] = useState('');
  const [busy, setBusy] = useState(false);
  const close = useUiStore((s) => s.closeDialog);

  const submit = async () => {
    setBusy(true);
    const why = await claimEditRights(text);
    setBusy(false);
    if (why === null) close();
    else setProblem(why);
  };

  return (
    <Modal
      title="Edit with your edit token"
      testId="claim-dialog"
      footer={
        <>
          <button type="button" className="btn" onClick={close}>
            Cancel
          </button>
          <button
            type="submit"
            form="claim-form"
            className="btn btn--primary"
            data-testid="claim-submit"
            disabled={busy || text.trim() === ''}
          >
            {busy ? 'Checking…' : 'Edit this graph'}
          </button>
        </>
      }
    >
      <form
        id="claim-form"
        className="stack"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <p>
          Paste the edit token you were shown when this graph was first saved. The server checks it; this
          browser then keeps it, so you can edit and save here from now on.
        </p>
        <input
          className="input input--mono"
          data-testid="claim-token"
          data-autofocus
          aria-label="Edit token"
          aria-invalid={problem !== ''}
          autoComplete="off"
          spellCheck={false}
          placeholder="32 letters and digits"
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            setProblem('');
          }}
        />
        {problem && (
          <p className="field-error" role="alert" data-testid="claim-error">
            {problem}
          </p>
        )}
        <p className="muted">No token? Fork the graph to edit your own copy.</p>
      </form>
    </Modal>
  );
}
