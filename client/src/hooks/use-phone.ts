import { useSyncExternalStore } from 'react';

/** The width below which the editor is a phone's read-only monitor (styles/columns.css agrees). */
const PHONE_QUERY = '(max-width: 720px)';

function subscribe(onChange: () => void): () => void {
  const query = window.matchMedia(PHONE_QUERY);
  query.addEventListener('change', onChange);
  return () => query.removeEventListener('change', onChange);
}

/** Whether the screen is a phone's: what only a phone shows is not rendered (nor fed) elsewhere. */
export function useIsPhone(): boolean {
  return useSyncExternalStore(subscribe, () => window.matchMedia(PHONE_QUERY).matches);
}
