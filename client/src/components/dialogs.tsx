import { type ComponentType, type LazyExoticComponent, lazy, Suspense } from 'react';
import { type DialogName, useUiStore } from '../stores/ui-store.js';

type DialogSet = typeof import('./dialog-set.js');

// Dialogs are not part of the editor's first paint: their code (one chunk) is fetched when the
// first one opens, a moment before it shows. Each name below is one export of dialog-set.ts.
const set = () => import('./dialog-set.js');
const dialog = (name: keyof DialogSet) =>
  lazy(() => set().then((m) => ({ default: m[name] as ComponentType })));

const DIALOGS: Record<DialogName, LazyExoticComponent<ComponentType>> = {
  shortcuts: dialog('ShortcutsDialog'),
  open: dialog('OpenDialog'),
  share: dialog('ShareDialog'),
  import: dialog('ImportDialog'),
  gallery: dialog('GalleryDialog'),
  revisions: dialog('RevisionsDialog'),
  runs: dialog('RunsDialog'),
  cluster: dialog('ClusterDialog'),
  'edit-token': dialog('EditTokenDialog'),
  claim: dialog('ClaimDialog'),
  recording: dialog('RecordingDialog'),
};

/** At most one dialog at a time, named in the UI store. */
export function Dialogs() {
  const name = useUiStore((s) => s.dialog);
  const Dialog = name === null ? null : DIALOGS[name];
  return Dialog ? (
    <Suspense fallback={null}>
      <Dialog />
    </Suspense>
  ) : null;
}
