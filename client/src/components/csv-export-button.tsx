import { useState } from 'react';
import { runAuth } from '../api/api-client.js';
import { useRecordingPageStore } from '../stores/recording-page-store.js';
import { useRunStore } from '../stores/run-store.js';

/**
 * Downloads the run's series as CSV (one row per node and edge per frame, the whole run) from
 * the server's recording — the run's (with its token) or the saved recording's on /r/<slug>.
 */
export function CsvExportButton() {
  const runId = useRunStore((s) => s.runId);
  // A saved recording (/r/<slug>) is a public link: its CSV needs no token.
  const slug = useRecordingPageStore((s) => s.slug);
  const [error, setError] = useState<string | null>(null);
  if (!runId && !slug) return null;
  const download = async () => {
    try {
      const res = runId
        ? await fetch(`/api/runs/${encodeURIComponent(runId)}/frames.csv`, { headers: runAuth(runId) })
        : await fetch(`/api/recordings/${encodeURIComponent(slug ?? '')}/frames.csv`);
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      const url = URL.createObjectURL(await res.blob());
      const a = document.createElement('a');
      a.href = url;
      a.download = runId ? `run-${runId}.csv` : `recording-${slug}.csv`;
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 1_000);
      setError(null);
    } catch (err) {
      setError(`CSV not downloaded: ${err instanceof Error ? err.message : String(err)}`);
    }
  };
  return (
    <button
      type="button"
      className="btn btn--ghost btn--small"
      data-testid="chart-csv"
      title={error ?? 'Every frame of the run as CSV: t, kind, id and each metric, per node and queue'}
      onClick={() => void download()}
    >
      {error ? 'CSV failed' : 'CSV'}
    </button>
  );
}
