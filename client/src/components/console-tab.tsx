import { useEffect, useRef, useState } from 'react';
import { formatClock, formatCount } from '../lib/format.js';
import { isRunActive } from '../lib/run-gate.js';
import { LOG_SINK_KIND, offersKind } from '../lib/sink-kinds.js';
import { useCatalogStore } from '../stores/catalog-store.js';
import { CONSOLE_LIMIT, useConsoleStore } from '../stores/console-store.js';
import { useGraphStore } from '../stores/graph-store.js';
import { useRunStore } from '../stores/run-store.js';

/** Sampled lines from `log` sinks, newest at the bottom, following the tail unless scrolled up. */
export function ConsoleTab() {
  const lines = useConsoleStore((s) => s.lines);
  const received = useConsoleStore((s) => s.received);
  const sampledOut = useConsoleStore((s) => Object.values(s.sampledOut).reduce((a, b) => a + b, 0));
  const skipped = useConsoleStore((s) => s.skipped);
  const logSinks = useGraphStore((s) => s.nodes.filter((n) => n.data.kind === LOG_SINK_KIND).length);
  const offered = useCatalogStore((s) => offersKind(s.byKind, LOG_SINK_KIND));
  const running = useRunStore((s) => isRunActive(s.phase));
  const [filter, setFilter] = useState('');
  const [follow, setFollow] = useState(true);
  const list = useRef<HTMLDivElement>(null);
  const shown = filter ? lines.filter((l) => l.nodeId.includes(filter) || l.text.includes(filter)) : lines;

  useEffect(() => {
    const el = list.current;
    if (follow && el && shown.length > 0) el.scrollTop = el.scrollHeight;
  }, [shown, follow]);

  return (
    <div className="console-tab">
      <div className="tab-toolbar">
        <input
          className="input input--small"
          type="search"
          placeholder="Filter lines"
          aria-label="Filter console lines"
          value={filter}
          onChange={(e) => setFilter(e.target.value)}
        />
        <label className="check">
          <input type="checkbox" checked={follow} onChange={(e) => setFollow(e.target.checked)} /> follow
        </label>
        <span className="muted">
          {formatCount(received)} lines received · last {formatCount(CONSOLE_LIMIT)} kept
          {sampledOut > 0 && ` · ${formatCount(sampledOut)} items sampled out by the sinks`}
          {skipped > 0 && ` · ${formatCount(skipped)} lines missed while this tab lagged`}
        </span>
        <span className="tab-toolbar__spacer" />
        <button
          type="button"
          className="btn btn--ghost btn--small"
          onClick={() => useConsoleStore.getState().clear()}
        >
          Clear
        </button>
      </div>
      <div
        className="console-tab__lines"
        ref={list}
        data-testid="console-lines"
        onScroll={(e) => {
          const el = e.currentTarget;
          const atBottom = el.scrollHeight - el.scrollTop - el.clientHeight < 24;
          if (atBottom !== follow) setFollow(atBottom);
        }}
      >
        {shown.length === 0 ? (
          <p className="empty-note" data-testid="console-empty">
            {emptyNote({ offered, logSinks, running, filtered: lines.length > 0 ? filter : '' })}
          </p>
        ) : (
          shown.map((l) => (
            <div key={l.seq} className="console-line">
              <span className="console-line__at">{formatClock(l.at)}</span>
              <span className="console-line__node">{l.nodeId}</span>
              <span className="console-line__text">{l.text}</span>
            </div>
          ))
        )}
      </div>
    </div>
  );
}

/** Why the console is empty, for what is actually the case: no sink, no run yet, waiting, or filtered out. */
function emptyNote(s: { offered: boolean; logSinks: number; running: boolean; filtered: string }): string {
  if (s.filtered) return `No line matches “${s.filtered}”.`;
  if (!s.offered) return 'This server has no log sink yet.';
  if (s.logSinks === 0)
    return 'Add a Log sink to the graph: the lines it samples appear here while the graph runs.';
  if (s.running) return 'Running: waiting for the first lines from the log sinks…';
  return 'Run the graph: lines from its log sinks appear here.';
}
