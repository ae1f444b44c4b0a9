/**
 * Edit tokens of the graphs this browser created or forked, by graph id. They stay in
 * localStorage and go out only in an `Authorization` header, never in a URL.
 */
const KEY = 'sluice:tokens:v1';
/** Fallback for browsers that refuse storage: the token lives as long as the page. */
const memory = new Map<string, string>();

function readAll(): Record<string, string> {
  try {
    const raw: unknown = JSON.parse(localStorage.getItem(KEY) ?? '{}');
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return {};
    return Object.fromEntries(
      Object.entries(raw).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
    );
  } catch {
    return {};
  }
}

/** Stores a graph's token as the most recent one (the end of the map: listing sends the newest). */
export function setEditToken(graphId: string, token: string): void {
  const { [graphId]: _old, ...rest } = readAll();
  try {
    localStorage.setItem(KEY, JSON.stringify({ ...rest, [graphId]: token }));
  } catch {
    // Kept in memory below.
  }
  memory.set(graphId, token);
}

export function forgetEditToken(graphId: string): void {
  const { [graphId]: _gone, ...rest } = readAll();
  memory.delete(graphId);
  try {
    localStorage.setItem(KEY, JSON.stringify(rest));
  } catch {
    // Nothing stored, nothing to forget.
  }
}

export function editTokenFor(graphId: string): string | undefined {
  const all = readAll();
  return Object.hasOwn(all, graphId) ? all[graphId] : memory.get(graphId);
}

/**
 * The tokens this browser holds, newest last, at most `max` of them (the newest): what File › Open
 * sends to list "your graphs". Ids stay here; the server finds graphs by token alone.
 *
 * @example heldEditTokens(256) // ['V1StGXR8_Z5jdHi6B-myT…', …]
 */
export function heldEditTokens(max: number): string[] {
  const stored = readAll();
  const onlyInMemory = [...memory].filter(([id]) => !Object.hasOwn(stored, id));
  return [...Object.values(stored), ...onlyInMemory.map(([, token]) => token)].slice(-max);
}
