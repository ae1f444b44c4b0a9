import { curlExample } from '../lib/curl-example.js';
import { isRunActive } from '../lib/run-gate.js';
import { useRunStore } from '../stores/run-store.js';
import { CopyButton } from './copy-field.js';

/** Where and how to post items into a running `http-ingest` node; the key only its owner sees. */
export function IngestExample({ url, ingestKey }: { url: string; ingestKey: string | undefined }) {
  const live = isRunActive(useRunStore((s) => s.phase));
  const curl = curlExample(url, ingestKey);
  return (
    <div className="stack ingest-example" data-testid="ingest-example">
      <p className="muted">
        {live
          ? 'POST JSON or NDJSON items here while the run is going:'
          : 'The run has ended; this endpoint is closed.'}
      </p>
      <input className="input input--mono" readOnly value={url} onFocus={(e) => e.target.select()} />
      {ingestKey && (
        <>
          <div className="ingest-example__key">
            <span className="muted">Ingest key</span>
            <code className="mono" data-testid="ingest-key">
              {ingestKey}
            </code>
            <CopyButton
              text={ingestKey}
              what="Ingest key"
              label="Copy"
              className="btn btn--ghost btn--small"
            />
          </div>
          <pre className="ingest-example__curl mono" data-testid="ingest-curl">
            {curl}
          </pre>
          <CopyButton
            text={curl}
            what="curl example"
            label="Copy curl example"
            testId="copy-curl"
            className="btn btn--ghost btn--small"
          />
        </>
      )}
    </div>
  );
}
