import { FILE_SINK_KIND, INGEST_SOURCE_KIND } from '../lib/sink-kinds.js';
import { tokenFor, useRunAccessStore } from '../stores/run-access-store.js';
import { useRunStore } from '../stores/run-store.js';
import { IngestExample } from './ingest-example.js';

/**
 * The run's HTTP routes for nodes that have one: where to POST items into an `http-ingest`
 * source (with its key and a curl line, for the run's owner), and the `file` sink's output to
 * download. Shown once a run exists.
 */
export function RunEndpoints({ nodeId, kind }: { nodeId: string; kind: string }) {
  const runId = useRunStore((s) => s.runId);
  const ingestKey = useRunAccessStore((s) => (s.runId === runId ? s.ingestKeys[nodeId] : undefined));
  if (!runId || (kind !== INGEST_SOURCE_KIND && kind !== FILE_SINK_KIND)) return null;
  const path = `/api/runs/${encodeURIComponent(runId)}/${kind === FILE_SINK_KIND ? 'files' : 'ingest'}/${encodeURIComponent(nodeId)}`;
  // A download is a plain link, which cannot carry a header: the run token goes in the query.
  const token = tokenFor(runId);
  const download = token ? `${path}?token=${encodeURIComponent(token)}` : path;
  return (
    <section className="inspector__section" data-testid="run-endpoint">
      <h3 className="section-title">This run</h3>
      {kind === FILE_SINK_KIND ? (
        <p>
          <a className="link" href={download} download>
            Download the file (JSON lines)
          </a>
        </p>
      ) : (
        <IngestExample url={`${window.location.origin}${path}`} ingestKey={ingestKey} />
      )}
    </section>
  );
}
