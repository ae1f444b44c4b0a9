import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '@xyflow/react/dist/style.css';
import './styles/theme.css';
import './styles/layout.css';
import './styles/palette.css';
import './styles/canvas.css';
import './styles/node.css';
import './styles/inspector.css';
import { getSocket } from './api/socket-client.js';
import { App } from './components/app.js';
import { useCatalogStore } from './stores/catalog-store.js';
import { keepDraft, restoreDraft } from './stores/graph-draft.js';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');

// Start both early: the palette needs the catalog, and the first Run should not wait for a handshake.
void useCatalogStore.getState().load();
getSocket();
restoreDraft();
keepDraft();

createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
