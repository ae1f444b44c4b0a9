import { useEffect, useState } from 'react';
import type { DroppedItem } from '../../../shared/protocol/trace.js';
import { ApiRequestError } from '../api/api-client.js';
import { fetchDrops } from '../api/trace-api.js';
import { cellText } from '../lib/item-columns.js';
import { isRunActive } from '../lib/run-gate.js';
import { useGraphStore } from '../stores/graph-store.js';
import { useRunStore } from '../stores/run-store.js';
import { useTelemetryStore } from '../stores/telemetry-store.js';

/** The ledger is read again this often while the inspector shows it and the run goes. */
const REFRESH_MS = 1_000;

/** Run time in seconds, to the ms: drops come in bursts, and the column has room for 7 characters. */
const runSeconds = (t: number) => (t / 1_000).toFixed(t < 100_000 ? 3 : 2);

/**
 * "Last dropped items" of a queue that drops (issue 18): when, by which policy, at which depth,
 * and the item itself, newest first, from the server's ledger of the last 100. Read while the
 * edge is selected and the run goes; it keeps what it read last once the run ends.
 */
export function EdgeDropLedger({ edgeId }: { edgeId: string }) {
  const runId = useRunStore((s) => s.runId);
  const running = useRunStore((s) => isRunActive(s.phase));
  const overflow = useGraphStore((s) => s.edges.find((e) => e.id === edgeId)?.data?.overflow);
  const drops = overflow !== undefined && overflow !== 'block';
  const dropped = useTelemetryStore((s) => (s.frame?.edges[edgeId]?.dropped ?? 0) > 0);
  const [ledger, setLedger] = useState<{ runId: string; items: DroppedItem[] } | null>(null);
  const [missing, setMissing] = useState(false);
  const [failed, setFailed] = useState<string | null>(null);
  const shown = (drops || dropped) && runId !== null;

  useEffect(() => {
    if (!shown || !running || !runId) return;
    let stop = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const read = () => {
      fetchDrops(runId, edgeId)
        .then(({ drops: items }) => {
          if (stop) return;
          setLedger({ runId, items: Array.isArray(items) ? items : [] });
          setMissing(false);
          setFailed(null);
          timer = setTimeout(read, REFRESH_MS);
        })
        .catch((err: unknown) => {
          if (stop) return;
          // A run gone or an edge the server does not know: nothing to read again.
          if (err instanceof ApiRequestError && err.status === 404) setMissing(true);
          else {
            // A busy run thread (503) or a lost connection: say so, and read again a little later.
            setFailed(err instanceof Error ? err.message : String(err));
            timer = setTimeout(read, REFRESH_MS * 2);
          }
        });
    };
    read();
    return () => {
      stop = true;
      clearTimeout(timer);
    };
  }, [shown, running, runId, edgeId]);

  if (!shown) return null;
  const items = ledger?.runId === runId ? ledger.items : [];
  const newestFirst = [...items].reverse();
  return (
    <section className="inspector__section" data-testid="drop-ledger">
      <h3 className="section-title">Last dropped items</h3>
      {missing ? (
        <p className="muted">The server keeps no ledger for this queue.</p>
      ) : newestFirst.length === 0 ? (
        <p className="muted" data-testid="drop-ledger-empty">
          {running ? 'Nothing dropped here yet.' : 'Nothing was dropped here in this run.'}
        </p>
      ) : (
        <div className="drop-ledger">
          <table>
            <thead>
              <tr>
                <th>At (s)</th>
                <th>Policy</th>
                <th>Depth</th>
                <th>Item</th>
              </tr>
            </thead>
            <tbody>
              {newestFirst.map((d, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: the ledger is replaced whole on each read
                <tr key={i} data-testid="drop-ledger-row">
                  <td>{runSeconds(d.t)}</td>
                  <td>{d.policy}</td>
                  <td>{d.depth}</td>
                  <td title={cellText(d.item, 2_000)}>{cellText(d.item, 48)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {failed && (
        <p className="param__hint" data-testid="drop-ledger-error">
          Could not read the ledger ({failed}); trying again.
        </p>
      )}
      {newestFirst.length > 0 && (
        <p className="param__hint">
          Newest first · {newestFirst.length} kept (the last 100) · run time since start
        </p>
      )}
    </section>
  );
}
