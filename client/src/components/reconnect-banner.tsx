import { useEffect, useState } from 'react';
import { isRunActive } from '../lib/run-gate.js';
import { useRunStore } from '../stores/run-store.js';

/**
 * Over the canvas while the live channel is down: the numbers drawn are the last ones received
 * and say how old they are, instead of a canvas that looks live but is frozen. The socket
 * reconnects (to any instance) and resubscribes on its own; the banner goes when it has.
 */
export function ReconnectBanner() {
  const offlineSince = useRunStore((s) => (s.connected ? null : s.offlineSince));
  const live = useRunStore((s) => s.runId !== null && isRunActive(s.phase));
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (offlineSince === null) return;
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), 1_000);
    return () => clearInterval(timer);
  }, [offlineSince]);
  if (offlineSince === null) return null;
  const seconds = Math.max(0, Math.round((now - offlineSince) / 1_000));
  return (
    <div className="canvas-banner canvas-banner--offline" data-testid="reconnect-banner" role="status">
      <span className="offline-badge">reconnecting…</span>
      <span className="canvas-banner__text">
        {live ? (
          <>Lost the server {seconds} s ago: the numbers are from then, and go live again when it answers.</>
        ) : (
          <>Lost the server {seconds} s ago. Trying again on its own.</>
        )}
      </span>
    </div>
  );
}
