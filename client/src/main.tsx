import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '@xyflow/react/dist/style.css';
import './styles/theme.css';
import './styles/layout.css';
import './styles/columns.css';
import './styles/palette.css';
import './styles/canvas.css';
import './styles/held.css';
import './styles/node.css';
import './styles/inspector.css';
import './styles/dialogs.css';
import './styles/doc-dialogs.css';
import './styles/bottom-panel.css';
import './styles/expression.css';
import './styles/runs.css';
import './styles/distributed.css';
import './styles/trace.css';
import './styles/notes.css';
import './styles/groups.css';
import './styles/timeline.css';
import './styles/phone.css';
import { boot } from './actions/boot.js';
import { App } from './components/app.js';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');

void boot();

createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
