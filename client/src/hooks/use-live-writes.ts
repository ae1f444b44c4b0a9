import { useLayoutEffect, useRef } from 'react';
import { type TelemetryState, useTelemetryStore } from '../stores/telemetry-store.js';

/**
 * Calls `write` with the telemetry state after every render of the caller and every change of
 * the store, outside React: the live numbers of a card go straight into its DOM instead of
 * re-rendering it at 10 Hz (at 500 nodes React's render and commit of the visible cards was the
 * costliest script of a tick, e2e/perf/RESULTS.md). React renders the card only when its shape
 * changes (a selector returning a string that changes rarely) and leaves the live text and
 * styles out of its props, so the two never write the same thing; after a render (new elements)
 * `write` fills them in before the browser paints. The latest `write` is used: it may close over
 * props.
 */
export function useLiveWrites(write: (s: TelemetryState) => void): void {
  const latest = useRef(write);
  latest.current = write;
  useLayoutEffect(() => {
    latest.current(useTelemetryStore.getState());
  });
  useLayoutEffect(() => useTelemetryStore.subscribe((s) => latest.current(s)), []);
}

/** Sets an element's text when it differs, keeping its text node (a change, not a new node). */
export function writeText(el: HTMLElement | null, text: string): void {
  if (!el) return;
  const node = el.firstChild;
  if (node && node === el.lastChild && node.nodeType === Node.TEXT_NODE) {
    if ((node as Text).data !== text) (node as Text).data = text;
  } else if (el.textContent !== text) el.textContent = text;
}

/** Sets an attribute when it differs (removes it for undefined). */
export function writeAttr(el: HTMLElement | null, name: string, value: string | undefined): void {
  if (!el) return;
  if (value === undefined) {
    if (el.hasAttribute(name)) el.removeAttribute(name);
  } else if (el.getAttribute(name) !== value) el.setAttribute(name, value);
}

/** The last value written per element and style property: a browser reads back its own spelling. */
const styles = new WeakMap<HTMLElement, Map<string, string>>();

/** Sets an inline style property when it differs from the last one written here. */
export function writeStyle(el: HTMLElement | null, prop: string, value: string): void {
  if (!el) return;
  let written = styles.get(el);
  if (!written) {
    written = new Map();
    styles.set(el, written);
  }
  if (written.get(prop) === value) return;
  written.set(prop, value);
  el.style.setProperty(prop, value);
}
