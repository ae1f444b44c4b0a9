import { exportGraph, forkCurrent, newGraph, saveGraph } from '../actions/doc-actions.js';
import { pickRecordingFile } from '../actions/recording-actions.js';
import { useDocStore } from '../stores/doc-store.js';
import { useGraphStore } from '../stores/graph-store.js';
import { useRecordingPageStore } from '../stores/recording-page-store.js';
import { useRunAccessStore } from '../stores/run-access-store.js';
import { type DialogName, useUiStore } from '../stores/ui-store.js';
import { DocStatus } from './doc-status.js';
import { LagBadge } from './lag-badge.js';
import { Menu } from './menu.js';
import { RunControls } from './run-controls.js';
import { RunStatusPill } from './run-status-pill.js';
import { WatchControls } from './watch-controls.js';

function Brand() {
  return (
    <div className="brand">
      <span className="brand__mark" aria-hidden="true">
        <i />
        <i />
        <i />
      </span>
      <span className="brand__name">Sluice</span>
    </div>
  );
}

/** A watch page shows someone's run: its name, its status, and the way out. */
function WatchTopBar() {
  const name = useGraphStore((s) => s.name);
  return (
    <header className="top-bar" data-testid="watch-top-bar">
      <Brand />
      <span className="top-bar__sep" aria-hidden="true" />
      <span className="graph-name graph-name--static" data-testid="graph-name-static" title={name}>
        {name}
      </span>
      <div className="top-bar__spacer" />
      <LagBadge />
      <RunStatusPill />
      <WatchControls />
    </header>
  );
}

/** A recording's replay page: its name and the way back to the editor; nothing runs here. */
function RecordingTopBar() {
  const name = useRecordingPageStore((s) => s.name);
  return (
    <header className="top-bar" data-testid="recording-top-bar">
      <Brand />
      <span className="top-bar__sep" aria-hidden="true" />
      <span className="graph-name graph-name--static" data-testid="graph-name-static" title={name}>
        {name}
      </span>
      <span className="status-pill status-pill--paused" data-testid="recording-pill">
        replay
      </span>
      <div className="top-bar__spacer" />
      <a className="btn btn--ghost btn--small" href="/" title="Back to your own graph">
        Editor
      </a>
    </header>
  );
}

/** The dialogs one click away in the bar (besides the File menu's). */
const DIALOG_BUTTONS: ReadonlyArray<{ dialog: DialogName; testId: string; title: string; label: string }> = [
  { dialog: 'share', testId: 'share-button', title: 'Copy a read-only link', label: 'Share' },
  {
    dialog: 'gallery',
    testId: 'gallery-button',
    title: 'Ready-made graphs, each with a lesson',
    label: 'Gallery',
  },
  {
    dialog: 'runs',
    testId: 'runs-button',
    title: 'Runs started in this browser: watch or stop them',
    label: 'Runs',
  },
  {
    dialog: 'cluster',
    testId: 'cluster-button',
    title: 'Where runs execute: this server alone, or runner processes over NATS',
    label: 'Cluster',
  },
];

export function TopBar() {
  const name = useGraphStore((s) => s.name);
  const setName = useGraphStore((s) => s.setName);
  const readOnly = useGraphStore((s) => s.readOnly);
  const meta = useDocStore((s) => s.meta);
  const saving = useDocStore((s) => s.saving);
  const openDialog = useUiStore((s) => s.openDialog);
  const watchPage = useRunAccessStore((s) => s.watchPage);
  const recordingPage = useRecordingPageStore((s) => s.slug !== null);
  if (recordingPage) return <RecordingTopBar />;
  if (watchPage) return <WatchTopBar />;
  return (
    <header className="top-bar">
      <Brand />
      <span className="top-bar__sep" aria-hidden="true" />
      <div className="doc-title">
        <input
          className="graph-name"
          aria-label="Graph name"
          data-testid="graph-name"
          value={name}
          size={Math.max(10, Math.min(38, name.length + 1))}
          maxLength={200}
          spellCheck={false}
          readOnly={readOnly}
          title={readOnly ? 'Read-only: fork to rename' : 'Rename the graph (saved with the next revision)'}
          onChange={(e) => setName(e.target.value)}
        />
        <DocStatus />
      </div>
      <Menu
        label="File"
        testId="file-menu"
        items={[
          { label: 'New graph', testId: 'menu-new', onSelect: newGraph },
          { label: 'Open…', testId: 'menu-open', onSelect: () => openDialog('open') },
          { label: 'Gallery of examples…', testId: 'menu-gallery', onSelect: () => openDialog('gallery') },
          {
            label: 'Revisions…',
            testId: 'menu-revisions',
            disabled: !meta,
            title: meta ? undefined : 'Save the graph first',
            onSelect: () => openDialog('revisions'),
          },
          { label: 'Import JSON…', testId: 'menu-import', onSelect: () => openDialog('import') },
          {
            label: 'Import recording…',
            testId: 'menu-import-recording',
            title: 'Open an exported recording file: it is stored and replayed at its own link',
            onSelect: pickRecordingFile,
          },
          { label: 'Cluster…', testId: 'menu-cluster', onSelect: () => openDialog('cluster') },
          { label: 'Export JSON', testId: 'menu-export', onSelect: exportGraph },
          {
            label: 'Keyboard shortcuts',
            hint: '?',
            testId: 'menu-shortcuts',
            onSelect: () => openDialog('shortcuts'),
          },
        ]}
      />
      {readOnly ? (
        <button
          type="button"
          className="btn btn--small btn--accent"
          data-testid="fork-button"
          title="Copy this graph into one of your own, editable"
          onClick={() => void forkCurrent()}
        >
          Fork to edit
        </button>
      ) : (
        <button
          type="button"
          className="btn btn--ghost btn--small"
          data-testid="save-button"
          disabled={saving}
          title="Save a new revision (Ctrl+S)"
          onClick={() => void saveGraph()}
        >
          Save
        </button>
      )}
      {DIALOG_BUTTONS.map((b) => (
        <button
          key={b.dialog}
          type="button"
          className="btn btn--ghost btn--small"
          data-testid={b.testId}
          title={b.title}
          onClick={() => openDialog(b.dialog)}
        >
          {b.label}
        </button>
      ))}
      <div className="top-bar__spacer" />
      <LagBadge />
      <RunStatusPill />
      <RunControls />
    </header>
  );
}
