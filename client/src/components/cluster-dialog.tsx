import type { RunnerInfo } from '../../../shared/protocol/cluster.js';
import { type ClusterView, useCluster } from '../hooks/use-cluster.js';
import { clusterSummary, heartbeatLevel, heartbeatText, partsText } from '../lib/cluster-view.js';
import { useRunStore } from '../stores/run-store.js';
import { Modal } from './modal.js';

/**
 * Where runs execute: embedded (this server, one process) or NATS with its runner processes,
 * each with its host, slots in use and heartbeat age. Polled every 2 s only while open.
 */
export function ClusterDialog() {
  const view = useCluster();
  return (
    <Modal title="Cluster" testId="cluster-dialog" wide>
      <ClusterBody view={view} />
    </Modal>
  );
}

function ClusterBody({ view }: { view: ClusterView }) {
  if (view.state === 'loading') return <p className="muted">Asking the server…</p>;
  const cluster = view.cluster;
  const error =
    view.state === 'error' ? (
      <p className="text-bad" data-testid="cluster-error">
        Cannot reach the server: {view.message}
      </p>
    ) : null;
  if (!cluster) return error;
  if (cluster.mode === 'embedded')
    return (
      <>
        {error}
        <ModeLine mode="embedded" />
        <p className="empty-note" data-testid="cluster-empty">
          Single process: set <code>SLUICE_NATS_URL</code> and start runners — see README › Scale-out. Every
          run executes in a worker thread of this server; graphs that use process, replicas or a nats edge are
          refused until then.
        </p>
      </>
    );
  return (
    <>
      {error}
      <ModeLine mode="nats" summary={clusterSummary(cluster.runners)} />
      {cluster.runners.length === 0 ? (
        <p className="empty-note" data-testid="cluster-no-runners">
          Connected to NATS, but no runner has announced itself: start one with{' '}
          <code>SLUICE_NATS_URL=… npm run runner</code>. Distributed runs wait for a free slot.
        </p>
      ) : (
        <table className="cluster-table" data-testid="cluster-runners">
          <thead>
            <tr>
              <th>Runner</th>
              <th>Host</th>
              <th>Slots in use</th>
              <th>Running</th>
              <th>Heartbeat</th>
            </tr>
          </thead>
          <tbody>
            {cluster.runners.map((r) => (
              <RunnerRow key={r.id} runner={r} />
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

function ModeLine({ mode, summary }: { mode: 'embedded' | 'nats'; summary?: string }) {
  return (
    <p className="cluster-mode" data-testid="cluster-mode" data-mode={mode}>
      {mode === 'nats' ? <span className="nats-badge">NATS</span> : <span className="badge">embedded</span>}
      <span>{mode === 'nats' ? 'Distributed: runs execute on runner processes' : 'One process'}</span>
      {summary && <span className="muted">{summary}</span>}
    </p>
  );
}

function RunnerRow({ runner: r }: { runner: RunnerInfo }) {
  const runId = useRunStore((s) => s.runId);
  const level = heartbeatLevel(r.heartbeatAgeMs);
  const share = r.slots > 0 ? Math.min(1, r.slotsInUse / r.slots) : 0;
  return (
    <tr data-testid="cluster-runner" data-runner={r.id}>
      <td className="mono cluster-table__id" title={r.parts.join('\n') || 'No parts running'}>
        {r.id}
      </td>
      <td className="mono">{r.host}</td>
      <td>
        <span className="cluster-slots">
          <span
            className="cluster-slots__bar"
            aria-hidden="true"
            style={{
              background: `linear-gradient(to right, var(--accent) ${share * 100}%, var(--raised) 0)`,
            }}
          />
          <span className="mono">
            {r.slotsInUse}/{r.slots}
          </span>
        </span>
      </td>
      {/* Which runner holds which part: the one to look at when a part is lost. */}
      <td className="mono" data-testid="cluster-runner-parts" title={r.parts.join('\n') || undefined}>
        {partsText(r.parts, runId)}
      </td>
      <td className={`mono cluster-beat cluster-beat--${level}`} data-level={level}>
        {level === 'dead' ? 'silent ' : ''}
        {heartbeatText(r.heartbeatAgeMs)}
      </td>
    </tr>
  );
}
