import { ReactFlowProvider } from '@xyflow/react';
import { useKeyboardShortcuts } from '../hooks/use-keyboard-shortcuts.js';
import { BottomPanel } from './bottom-panel.js';
import { Dialogs } from './dialogs.js';
import { FlowCanvas } from './flow-canvas.js';
import { Inspector } from './inspector.js';
import { Palette } from './palette.js';
import { StatusBar } from './status-bar.js';
import { Toasts } from './toasts.js';
import { TopBar } from './top-bar.js';

/** Editor-wide keys need React Flow's instance (fit view), so they live inside the provider. */
function KeyboardShortcuts() {
  useKeyboardShortcuts();
  return null;
}

/** The editor: top bar, palette, canvas over the bottom panel, inspector and status bar. */
export function App() {
  return (
    <ReactFlowProvider>
      <KeyboardShortcuts />
      <div className="app">
        <TopBar />
        <Palette />
        <main className="app__center">
          <div className="app__canvas">
            <FlowCanvas />
            <Toasts />
          </div>
          <BottomPanel />
        </main>
        <Inspector />
        <StatusBar />
      </div>
      <Dialogs />
    </ReactFlowProvider>
  );
}
