/** The app's two client-side routes: the editor (`/`) and a saved graph (`/g/<slug>`). */
export type Route = { type: 'editor' } | { type: 'graph'; slug: string };

const GRAPH_PATH = /^\/g\/([A-Za-z0-9_-]{1,64})\/?$/;

/**
 * @example parseRoute('/g/abc123') // { type: 'graph', slug: 'abc123' }
 * @example parseRoute('/anything') // { type: 'editor' }
 */
export function parseRoute(pathname: string): Route {
  const m = GRAPH_PATH.exec(pathname);
  return m?.[1] ? { type: 'graph', slug: m[1] } : { type: 'editor' };
}

export function graphPath(slug: string): string {
  return `/g/${encodeURIComponent(slug)}`;
}

/** The absolute read-only link for a saved graph (what Share copies). */
export function shareUrl(slug: string, origin = window.location.origin): string {
  return `${origin}${graphPath(slug)}`;
}

/** Changes the address bar without reloading; `replace` for corrections, push for navigation. */
export function setPath(path: string, replace = false): void {
  if (window.location.pathname === path) return;
  if (replace) window.history.replaceState(null, '', path);
  else window.history.pushState(null, '', path);
}
