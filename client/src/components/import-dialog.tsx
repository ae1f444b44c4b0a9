import { useMemo, useState } from 'react';
import { replaceDocument } from '../actions/doc-actions.js';
import { checkImport } from '../lib/import-check.js';
import { describeIssue } from '../lib/issue-index.js';
import { confirmDiscard } from '../stores/doc-store.js';
import { useRegexEngineStore } from '../stores/regex-engine-store.js';
import { toast } from '../stores/toast-store.js';
import { useUiStore } from '../stores/ui-store.js';
import { Modal } from './modal.js';

const SHOWN_ISSUES = 12;

/**
 * Import a graph document from a file or pasted text. It is checked by the compiler first and
 * the current graph stays untouched until the user accepts a document that can be opened.
 */
export function ImportDialog() {
  const [text, setText] = useState('');
  const [fileName, setFileName] = useState<string | null>(null);
  const regexReady = useRegexEngineStore((s) => s.compile !== null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: a document waiting for the regex engine is checked again when it arrives
  const check = useMemo(() => checkImport(text, fileName), [text, fileName, regexReady]);
  const accept = () => {
    if (check.kind !== 'ok' && check.kind !== 'issues') return;
    if (!confirmDiscard('Replace it with the imported graph')) return;
    replaceDocument(check.doc, null);
    useUiStore.getState().closeDialog();
    toast(`Imported “${check.doc.name ?? 'untitled'}”`, 'good');
  };
  const issues = check.kind === 'invalid' || check.kind === 'issues' ? check.issues : [];

  return (
    <Modal
      title="Import a graph"
      testId="import-dialog"
      wide
      footer={
        <>
          <span className="modal__foot-note">The current graph stays as it is until you press Import.</span>
          <button
            type="button"
            className="btn btn--ghost"
            onClick={() => useUiStore.getState().closeDialog()}
          >
            Cancel
          </button>
          <button
            type="button"
            className="btn btn--primary"
            data-testid="import-accept"
            disabled={check.kind !== 'ok' && check.kind !== 'issues'}
            onClick={accept}
          >
            {check.kind === 'issues'
              ? `Import with ${issues.length} problem${issues.length === 1 ? '' : 's'}`
              : 'Import'}
          </button>
        </>
      }
    >
      <div className="import">
        <label className="import__file">
          <span className="btn btn--ghost btn--small">Choose a .json file…</span>
          <input
            type="file"
            accept=".json,application/json"
            data-testid="import-file"
            onChange={async (e) => {
              const file = e.target.files?.[0];
              if (!file) return;
              setFileName(file.name);
              setText(await file.text());
            }}
          />
          <span className="muted">{fileName ?? 'or paste the JSON below'}</span>
        </label>
        <textarea
          className="input input--mono import__text"
          data-testid="import-text"
          data-autofocus
          spellCheck={false}
          placeholder='{ "schemaVersion": 1, "name": "…", "nodes": [...], "edges": [...] }'
          value={text}
          onChange={(e) => {
            setFileName(null);
            setText(e.target.value);
          }}
        />
        <div className="import__result" data-testid="import-result" data-kind={check.kind}>
          {check.kind === 'ok' && (
            <p className="callout callout--good">
              “{check.doc.name ?? 'untitled'}”: {check.doc.nodes.length} nodes, {check.doc.edges?.length ?? 0}{' '}
              queues. It compiles and is ready to run.
            </p>
          )}
          {check.kind === 'issues' && (
            <p className="callout callout--warn">
              A valid graph document, but it will not run yet. You can import it and fix these on the canvas:
            </p>
          )}
          {check.kind === 'checking' && <p className="muted">Checking its expressions…</p>}
          {check.kind === 'invalid' && (
            <p className="callout callout--bad">{check.message} It cannot be imported.</p>
          )}
          {issues.length > 0 && (
            <ul className="issues-list" data-testid="import-issues">
              {issues.slice(0, SHOWN_ISSUES).map((issue) => (
                <li key={`${issue.path}:${issue.message}`} className="issues-list__item">
                  <span className="issues-list__icon" aria-hidden="true">
                    ⚠
                  </span>
                  <span className="issues-list__text">
                    <code className="issues-list__path">{issue.path || 'document'}</code>{' '}
                    {describeIssue(issue)}
                  </span>
                </li>
              ))}
              {issues.length > SHOWN_ISSUES && (
                <li className="muted">…and {issues.length - SHOWN_ISSUES} more</li>
              )}
            </ul>
          )}
        </div>
      </div>
    </Modal>
  );
}
