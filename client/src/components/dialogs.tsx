import { useUiStore } from '../stores/ui-store.js';
import { ClaimDialog } from './claim-dialog.js';
import { ClusterDialog } from './cluster-dialog.js';
import { EditTokenDialog } from './edit-token-dialog.js';
import { GalleryDialog } from './gallery-dialog.js';
import { ImportDialog } from './import-dialog.js';
import { OpenDialog } from './open-dialog.js';
import { RecordingDialog } from './recording-dialog.js';
import { RevisionsDialog } from './revisions-dialog.js';
import { RunsDialog } from './runs-dialog.js';
import { ShareDialog } from './share-dialog.js';
import { ShortcutsDialog } from './shortcuts-dialog.js';

/** At most one dialog at a time, named in the UI store. */
export function Dialogs() {
  const dialog = useUiStore((s) => s.dialog);
  switch (dialog) {
    case 'shortcuts':
      return <ShortcutsDialog />;
    case 'open':
      return <OpenDialog />;
    case 'share':
      return <ShareDialog />;
    case 'import':
      return <ImportDialog />;
    case 'gallery':
      return <GalleryDialog />;
    case 'revisions':
      return <RevisionsDialog />;
    case 'runs':
      return <RunsDialog />;
    case 'cluster':
      return <ClusterDialog />;
    case 'edit-token':
      return <EditTokenDialog />;
    case 'claim':
      return <ClaimDialog />;
    case 'recording':
      return <RecordingDialog />;
    default:
      return null;
  }
}
