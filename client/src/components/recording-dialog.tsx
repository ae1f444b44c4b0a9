import { recordingUrl } from '../lib/route.js';
import { useTimelineStore } from '../stores/timeline-store.js';
import { CopyField } from './copy-field.js';
import { Modal } from './modal.js';

/** The saved recording's link, after "Save recording". */
export function RecordingDialog() {
  const slug = useTimelineStore((s) => s.savedSlug);
  return (
    <Modal title="Recording saved" testId="recording-dialog">
      {slug ? (
        <div className="stack">
          <p>
            Anyone with this link can <strong>replay</strong> the run: every frame, scrubbable, in slow
            motion. Opening it never runs anything.
          </p>
          <CopyField
            value={recordingUrl(slug)}
            testId="recording-link"
            buttonTestId="copy-recording-link"
            label="Copy link"
            what="Link"
            autoFocus
          />
          <p>
            <a className="link" href={`/r/${encodeURIComponent(slug)}`} data-testid="open-recording">
              Open the recording
            </a>
          </p>
        </div>
      ) : (
        <p>Saving…</p>
      )}
    </Modal>
  );
}
