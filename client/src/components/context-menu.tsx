import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import type { MenuItem } from './menu.js';

/** Arrow keys walk the enabled items, wrapping round (Tab does too; Escape closes). */
function moveFocus(e: React.KeyboardEvent<HTMLDivElement>): void {
  const step = e.key === 'ArrowDown' ? 1 : e.key === 'ArrowUp' ? -1 : 0;
  if (step === 0) return;
  e.preventDefault();
  const items = [...e.currentTarget.querySelectorAll<HTMLButtonElement>('button:not(:disabled)')];
  const at = items.indexOf(document.activeElement as HTMLButtonElement);
  items[(at + step + items.length) % items.length]?.focus();
}

/** Room kept between the menu and the window's edge. */
const MARGIN = 8;

/**
 * A menu at the pointer (right-click, or a long press on touch). Generic: the caller passes the
 * items; it closes on a choice, a press elsewhere, Esc, scrolling or resizing. Kept inside the
 * window: near the right or bottom edge it opens to the left or upwards.
 */
export function ContextMenu({
  x,
  y,
  title,
  items,
  testId,
  onClose,
}: {
  x: number;
  y: number;
  title?: string;
  items: MenuItem[];
  testId: string;
  onClose: () => void;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const [spot, setSpot] = useState({ left: x, top: y });
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const { width, height } = el.getBoundingClientRect();
    setSpot({
      left: Math.max(MARGIN, Math.min(x, window.innerWidth - width - MARGIN)),
      top: Math.max(MARGIN, y + height > window.innerHeight - MARGIN ? y - height : y),
    });
  }, [x, y]);
  useEffect(() => {
    const close = (e: Event) => {
      if (e instanceof KeyboardEvent && e.key !== 'Escape') return;
      if (e.type === 'pointerdown' && ref.current?.contains(e.target as Node)) return;
      onClose();
    };
    document.addEventListener('pointerdown', close, true);
    document.addEventListener('keydown', close);
    window.addEventListener('wheel', close, { passive: true });
    window.addEventListener('resize', close);
    ref.current?.querySelector<HTMLButtonElement>('button:not(:disabled)')?.focus();
    return () => {
      document.removeEventListener('pointerdown', close, true);
      document.removeEventListener('keydown', close);
      window.removeEventListener('wheel', close);
      window.removeEventListener('resize', close);
    };
  }, [onClose]);
  // On <body>: inside the canvas the menu would sit under the panels beside it (the inspector).
  return createPortal(
    <div
      ref={ref}
      className="menu__list context-menu"
      role="menu"
      aria-label={title}
      data-testid={testId}
      style={{ left: spot.left, top: spot.top }}
      onContextMenu={(e) => e.preventDefault()}
      onKeyDown={moveFocus}
    >
      {title && <div className="context-menu__title">{title}</div>}
      {items.map((item) => (
        <button
          key={item.testId}
          type="button"
          role="menuitem"
          className="menu__item"
          data-testid={item.testId}
          disabled={item.disabled}
          title={item.title}
          onClick={() => {
            onClose();
            item.onSelect();
          }}
        >
          <span>{item.label}</span>
          {item.hint && <kbd>{item.hint}</kbd>}
        </button>
      ))}
    </div>,
    document.body,
  );
}
