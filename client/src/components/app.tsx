import { ReactFlowProvider } from '@xyflow/react';
import { useKeyboardShortcuts } from '../hooks/use-keyboard-shortcuts.js';
import { FlowCanvas } from './flow-canvas.js';
import { Inspector } from './inspector.js';
import { Palette } from './palette.js';
import { StatusBar } from './status-bar.js';
import { TopBar } from './top-bar.js';

/** The editor: top bar, palette, canvas, inspector and status bar in a fixed grid. */
export function App() {
  useKeyboardShortcuts();
  return (
    <ReactFlowProvider>
      <div className="app">
        <TopBar />
        <Palette />
        <main className="app__canvas">
          <FlowCanvas />
        </main>
        <Inspector />
        <StatusBar />
      </div>
    </ReactFlowProvider>
  );
}
