import { useUiStore } from '../stores/ui-store.js';

/** Shown over an empty canvas; it lets pointer events through so drops still land on the canvas. */
export function EmptyState() {
  return (
    <div className="empty-state" data-testid="empty-state">
      <div className="empty-state__card">
        <div className="empty-state__art" aria-hidden="true">
          <span className="empty-state__box cat-source" />
          <span className="empty-state__pipe" />
          <span className="empty-state__box cat-transform" />
          <span className="empty-state__pipe" />
          <span className="empty-state__box cat-sink" />
        </div>
        <h2>Drag a source from the palette to start</h2>
        <p>
          Add a <strong>source</strong>, a <strong>transform</strong> and a <strong>sink</strong>, join their
          ports, then press <kbd>Run</kbd>. Every edge is a bounded queue: watch it fill.
        </p>
        <p className="empty-state__or">
          or{' '}
          <button
            type="button"
            className="link"
            data-testid="empty-open-gallery"
            onClick={() => useUiStore.getState().openDialog('gallery')}
          >
            open a ready-made example with a lesson
          </button>
        </p>
        <p className="muted">
          <kbd>Ctrl</kbd>+<kbd>Enter</kbd> run · <kbd>L</kbd> layout · <kbd>?</kbd> all shortcuts
        </p>
      </div>
    </div>
  );
}
