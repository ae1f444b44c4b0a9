import { useCallback, useRef } from 'react';
import { useConsoleStore } from '../stores/console-store.js';
import { type BottomTab, useUiStore } from '../stores/ui-store.js';
import { ChartsTab } from './charts-tab.js';
import { ConsoleTab } from './console-tab.js';
import { ItemsTab } from './items-tab.js';
import { TapsTab } from './taps-tab.js';
import { TraceTab } from './trace-tab.js';

const TABS: Array<{ id: BottomTab; label: string }> = [
  { id: 'charts', label: 'Charts' },
  { id: 'console', label: 'Console' },
  { id: 'items', label: 'Items' },
  { id: 'trace', label: 'Trace' },
  { id: 'taps', label: 'Taps' },
];

/** Under the canvas: charts, the log console, browser-sink items and followed items. Resizable and collapsible. */
export function BottomPanel() {
  const open = useUiStore((s) => s.bottomOpen);
  const height = useUiStore((s) => s.bottomHeight);
  const tab = useUiStore((s) => s.bottomTab);
  const setBottom = useUiStore((s) => s.setBottom);
  const consoleCount = useConsoleStore((s) => s.received);
  const start = useRef<{ y: number; h: number } | null>(null);

  const onResizeStart = useCallback(
    (e: React.PointerEvent<HTMLDivElement>) => {
      e.currentTarget.setPointerCapture(e.pointerId);
      start.current = { y: e.clientY, h: height };
    },
    [height],
  );

  return (
    <section
      className={`bottom-panel${open ? '' : ' is-collapsed'}`}
      style={open ? { height } : undefined}
      data-testid="bottom-panel"
      aria-label="Run details"
    >
      {open && (
        <div
          className="bottom-panel__resize"
          data-testid="bottom-resize"
          title="Drag to resize"
          onPointerDown={onResizeStart}
          onPointerMove={(e) => {
            if (start.current) setBottom({ bottomHeight: start.current.h + start.current.y - e.clientY });
          }}
          onPointerUp={() => {
            start.current = null;
          }}
        />
      )}
      <div className="bottom-panel__tabs" role="tablist">
        {TABS.map((t) => (
          <button
            key={t.id}
            type="button"
            role="tab"
            aria-selected={open && tab === t.id}
            className={`tab${open && tab === t.id ? ' is-active' : ''}`}
            data-testid={`tab-${t.id}`}
            onClick={() => setBottom({ bottomTab: t.id, bottomOpen: true })}
          >
            {t.label}
            {t.id === 'console' && consoleCount > 0 && (
              <span className="tab__count">{consoleCount > 999 ? '999+' : consoleCount}</span>
            )}
          </button>
        ))}
        <span className="bottom-panel__spacer" />
        <button
          type="button"
          className="icon-btn"
          data-testid="bottom-toggle"
          title={open ? 'Collapse the panel' : 'Expand the panel'}
          aria-expanded={open}
          onClick={() => setBottom({ bottomOpen: !open })}
        >
          {open ? '▾' : '▴'}
        </button>
      </div>
      {open && (
        <div className="bottom-panel__body">
          {tab === 'charts' && <ChartsTab />}
          {tab === 'console' && <ConsoleTab />}
          {tab === 'items' && <ItemsTab />}
          {tab === 'trace' && <TraceTab />}
          {tab === 'taps' && <TapsTab />}
        </div>
      )}
    </section>
  );
}
