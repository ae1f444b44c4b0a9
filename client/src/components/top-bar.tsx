import { useGraphStore } from '../stores/graph-store.js';
import { LagBadge } from './lag-badge.js';
import { NewGraphButton } from './new-graph-button.js';
import { RunControls } from './run-controls.js';
import { RunStatusPill } from './run-status-pill.js';

export function TopBar() {
  const name = useGraphStore((s) => s.name);
  const setName = useGraphStore((s) => s.setName);
  return (
    <header className="top-bar">
      <div className="brand">
        <span className="brand__mark" aria-hidden="true">
          <i />
          <i />
          <i />
        </span>
        <span className="brand__name">Sluice</span>
      </div>
      <span className="top-bar__sep" aria-hidden="true" />
      <input
        className="graph-name"
        aria-label="Graph name"
        data-testid="graph-name"
        value={name}
        maxLength={200}
        spellCheck={false}
        onChange={(e) => setName(e.target.value)}
      />
      <NewGraphButton />
      <div className="top-bar__spacer" />
      <LagBadge />
      <RunStatusPill />
      <RunControls />
    </header>
  );
}
