import { useRunBlockReason } from '../hooks/use-run-gate.js';
import { lastRunSummary } from '../lib/losses.js';
import { describeRunError } from '../lib/run-error.js';
import { isRunActive } from '../lib/run-gate.js';
import { useRecordingPageStore } from '../stores/recording-page-store.js';
import { useRunStore } from '../stores/run-store.js';
import { RunClock } from './run-clock.js';
import { StatusLive } from './status-live.js';

/** One line at the bottom: the run's state and the most important thing to know right now. */
export function StatusBar() {
  const phase = useRunStore((s) => s.phase);
  const runId = useRunStore((s) => s.runId);
  const runError = useRunStore((s) => s.runError);
  const requestError = useRunStore((s) => s.requestError);
  const totals = useRunStore((s) => s.totals);
  const connected = useRunStore((s) => s.connected);
  const blockReason = useRunBlockReason();
  const replaying = useRecordingPageStore((s) => s.slug !== null);
  const active = isRunActive(phase);
  // A recording's page runs nothing: 'idle' there read as 'ready to run' beside the replay.
  const shown = replaying ? 'replay' : phase;

  let message: { text: string; tone: 'bad' | 'warn' | 'muted' | 'good' } | null = null;
  if (!connected) message = { text: 'Disconnected from the server: reconnecting…', tone: 'bad' };
  else if (requestError) message = { text: requestError, tone: 'bad' };
  else if (runError) message = { text: describeRunError(runError).text, tone: 'bad' };
  else if (replaying)
    message = { text: 'A recording: scrub or play the timeline. Nothing runs here.', tone: 'muted' };
  else if (blockReason && !active) message = { text: blockReason, tone: 'warn' };
  else if (!active && totals)
    message = {
      text: lastRunSummary(totals, phase),
      tone: 'muted',
    };
  else if (!active) message = { text: 'Ready to run', tone: 'good' };

  return (
    <footer className="status-bar" data-testid="status-bar">
      <span className={`status-bar__phase status-pill--${shown}`} data-testid="status-phase">
        <span className="status-pill__dot" aria-hidden="true" />
        {shown}
      </span>
      {runId && <span className="status-bar__run mono">{runId}</span>}
      {(runId || replaying) && <RunClock />}
      {runId && <StatusLive />}
      {message && (
        <span
          className={`status-bar__message text-${message.tone}`}
          data-testid="status-message"
          title={message.text}
        >
          {message.text}
        </span>
      )}
      <span className="status-bar__spacer" />
      <span className="status-bar__keys muted">
        <kbd>Ctrl</kbd>+<kbd>Enter</kbd> run · <kbd>Ctrl</kbd>+<kbd>S</kbd> save · <kbd>?</kbd> shortcuts
      </span>
    </footer>
  );
}
