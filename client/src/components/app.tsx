import { ReactFlowProvider } from '@xyflow/react';
import { useKeyboardShortcuts } from '../hooks/use-keyboard-shortcuts.js';
import { useIsPhone } from '../hooks/use-phone.js';
import { useLessonStore } from '../stores/examples-store.js';
import { useGraphStore } from '../stores/graph-store.js';
import { BottomPanel } from './bottom-panel.js';
import { Dialogs } from './dialogs.js';
import { FlowCanvas } from './flow-canvas.js';
import { Inspector } from './inspector.js';
import { LessonPanel } from './lesson-panel.js';
import { Palette } from './palette.js';
import { PhoneNumbers } from './phone-numbers.js';
import { StatusBar } from './status-bar.js';
import { TimelineBar } from './timeline-bar.js';
import { Toasts } from './toasts.js';
import { TopBar } from './top-bar.js';

/** Editor-wide keys need React Flow's instance (fit view), so they live inside the provider. */
function KeyboardShortcuts() {
  useKeyboardShortcuts();
  return null;
}

/**
 * The editor: top bar, palette, canvas over the bottom panel, inspector and status bar. An open
 * lesson takes the palette's column, and the inspector's column folds away until something is
 * selected: the lesson's graph gets the room to be read whole (styles/layout.css). On a phone
 * the lesson heads the live numbers below the canvas (phone-numbers.tsx).
 */
export function App() {
  const lessonOpen = useLessonStore((s) => s.example !== null && !s.collapsed);
  const selected = useGraphStore((s) => s.selection !== null);
  // A phone folds the left column: its lesson is at the top of the numbers under the canvas.
  const phone = useIsPhone();
  const classes = ['app', lessonOpen ? 'is-lesson' : '', lessonOpen && !selected ? 'is-inspector-folded' : '']
    .filter(Boolean)
    .join(' ');
  return (
    <ReactFlowProvider>
      <KeyboardShortcuts />
      <div className={classes}>
        <TopBar />
        <div className="app__left">
          {!phone && <LessonPanel />}
          {!lessonOpen && <Palette />}
        </div>
        <main className="app__center">
          <div className="app__canvas">
            <FlowCanvas />
            <Toasts />
          </div>
          <TimelineBar />
          <PhoneNumbers />
          <BottomPanel />
        </main>
        <Inspector />
        <StatusBar />
      </div>
      <Dialogs />
    </ReactFlowProvider>
  );
}
