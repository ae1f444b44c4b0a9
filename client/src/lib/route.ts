/**
 * The app's client-side routes: the editor (`/`), a saved graph (`/g/<slug>`), a live run
 * watched read-only (`/watch/<runId>`, its watch token in the fragment so no server log sees it)
 * and a saved recording replayed (`/r/<slug>`).
 */
export type Route =
  | { type: 'editor' }
  | { type: 'graph'; slug: string }
  | { type: 'watch'; runId: string }
  | { type: 'recording'; slug: string };

const GRAPH_PATH = /^\/g\/([A-Za-z0-9_-]{1,64})\/?$/;
const RECORDING_PATH = /^\/r\/([A-Za-z0-9_-]{1,64})\/?$/;
const WATCH_PATH = /^\/watch\/([A-Za-z0-9_-]{1,64})\/?$/;

/**
 * @example parseRoute('/g/abc123') // { type: 'graph', slug: 'abc123' }
 * @example parseRoute('/anything') // { type: 'editor' }
 */
export function parseRoute(pathname: string): Route {
  const m = GRAPH_PATH.exec(pathname);
  if (m?.[1]) return { type: 'graph', slug: m[1] };
  const r = RECORDING_PATH.exec(pathname);
  if (r?.[1]) return { type: 'recording', slug: r[1] };
  const w = WATCH_PATH.exec(pathname);
  return w?.[1] ? { type: 'watch', runId: w[1] } : { type: 'editor' };
}

/**
 * A watch link: anyone holding it sees the run live, read-only.
 *
 * @example watchUrl('r1', 'wt', 'https://x') // 'https://x/watch/r1#wt'
 */
export function watchUrl(runId: string, watchToken: string, origin = window.location.origin): string {
  return `${origin}/watch/${encodeURIComponent(runId)}#${encodeURIComponent(watchToken)}`;
}

export function graphPath(slug: string): string {
  return `/g/${encodeURIComponent(slug)}`;
}

/** The absolute read-only link for a saved graph (what Share copies). */
export function shareUrl(slug: string, origin = window.location.origin): string {
  return `${origin}${graphPath(slug)}`;
}

/** A saved recording's replay page (read-only, never runs anything). */
export function recordingUrl(slug: string, origin = window.location.origin): string {
  return `${origin}/r/${encodeURIComponent(slug)}`;
}

/** Changes the address bar without reloading; `replace` for corrections, push for navigation. */
export function setPath(path: string, replace = false): void {
  if (window.location.pathname === path) return;
  if (replace) window.history.replaceState(null, '', path);
  else window.history.pushState(null, '', path);
}
