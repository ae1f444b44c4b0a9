import { type ReactNode, useEffect, useRef } from 'react';
import { useUiStore } from '../stores/ui-store.js';

/**
 * A centred dialog over a dimmed editor. Esc closes it (the editor's key handler), so does a
 * click on the backdrop; focus moves into it when it opens and back when it closes.
 */
export function Modal(props: {
  title: string;
  testId: string;
  wide?: boolean;
  children: ReactNode;
  footer?: ReactNode;
}) {
  const close = useUiStore((s) => s.closeDialog);
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const before = document.activeElement as HTMLElement | null;
    // Focus lands on the dialog itself (keys work at once, no ring on an arbitrary button) unless
    // a field asks for it.
    const wanted = ref.current?.querySelector<HTMLElement>('[data-autofocus]') ?? ref.current;
    wanted?.focus();
    return () => before?.focus?.();
  }, []);
  return (
    <div
      className="modal-backdrop"
      onPointerDown={(e) => {
        if (e.target === e.currentTarget) close();
      }}
    >
      <div
        ref={ref}
        className={`modal${props.wide ? ' modal--wide' : ''}`}
        role="dialog"
        aria-modal="true"
        aria-label={props.title}
        data-testid={props.testId}
        tabIndex={-1}
      >
        <header className="modal__head">
          <h2 className="modal__title">{props.title}</h2>
          <button
            type="button"
            className="icon-btn"
            aria-label="Close"
            data-testid="modal-close"
            onClick={close}
          >
            ×
          </button>
        </header>
        <div className="modal__body">{props.children}</div>
        {props.footer && <footer className="modal__foot">{props.footer}</footer>}
      </div>
    </div>
  );
}
