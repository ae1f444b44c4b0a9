// Every dialog, in one chunk that `dialogs.tsx` loads when the first one opens.
export { ClaimDialog } from './claim-dialog.js';
export { ClusterDialog } from './cluster-dialog.js';
export { EditTokenDialog } from './edit-token-dialog.js';
export { GalleryDialog } from './gallery-dialog.js';
export { ImportDialog } from './import-dialog.js';
export { OpenDialog } from './open-dialog.js';
export { RecordingDialog } from './recording-dialog.js';
export { RevisionsDialog } from './revisions-dialog.js';
export { RunsDialog } from './runs-dialog.js';
export { ShareDialog } from './share-dialog.js';
export { ShortcutsDialog } from './shortcuts-dialog.js';
