/**
 * Tokens of the runs this browser started, newest first, so a reload can re-attach to a live run
 * and the Runs panel can list, stop and watch them. Like edit tokens they live in localStorage
 * and go out only in an `Authorization` header or a socket payload, never in a URL. The list is
 * bounded: starting a run past the limit forgets the oldest one.
 */
export interface OwnedRun {
  runId: string;
  /** Controls and watches the run; absent when the server did not hand one out. */
  runToken?: string;
  /** Watches the run read-only; what a watch link carries (in its fragment). */
  watchToken?: string;
  graphName: string;
  /** The saved graph the run was started from, when the canvas was a saved graph. */
  graphId?: string;
  /** Epoch ms. */
  startedAt: number;
  keepRunning?: boolean;
  /** The owner offers the watch link on the saved graph's page. */
  sharedWatch?: boolean;
}

export const MAX_OWNED_RUNS = 20;
const KEY = 'sluice:runs:v1';

/** The part of `Storage` the store uses; tests pass an in-memory one. */
export type TokenStorage = Pick<Storage, 'getItem' | 'setItem'>;

const isString = (v: unknown): v is string => typeof v === 'string' && v.length > 0 && v.length <= 200;

/** One stored record, or null when it is not one (an old format, a hand-edited value). */
export function parseOwnedRun(v: unknown): OwnedRun | null {
  if (typeof v !== 'object' || v === null) return null;
  const r = v as Record<string, unknown>;
  if (!isString(r.runId) || typeof r.startedAt !== 'number' || !Number.isFinite(r.startedAt)) return null;
  return {
    runId: r.runId,
    graphName: typeof r.graphName === 'string' ? r.graphName.slice(0, 200) : 'untitled',
    startedAt: r.startedAt,
    ...(isString(r.runToken) ? { runToken: r.runToken } : {}),
    ...(isString(r.watchToken) ? { watchToken: r.watchToken } : {}),
    ...(isString(r.graphId) ? { graphId: r.graphId } : {}),
    ...(r.keepRunning === true ? { keepRunning: true } : {}),
    ...(r.sharedWatch === true ? { sharedWatch: true } : {}),
  };
}

/**
 * The list with `run` first (replacing an older record of the same run), cut to `max`.
 *
 * @example withRun([{ runId: 'a', … }], { runId: 'b', … }, 1) // [{ runId: 'b', … }]
 */
export function withRun(list: readonly OwnedRun[], run: OwnedRun, max = MAX_OWNED_RUNS): OwnedRun[] {
  return [run, ...list.filter((r) => r.runId !== run.runId)].slice(0, max);
}

export interface RunTokenStore {
  /** Newest first. */
  list(): OwnedRun[];
  get(runId: string): OwnedRun | undefined;
  remember(run: OwnedRun): void;
  update(runId: string, patch: Partial<Omit<OwnedRun, 'runId'>>): void;
  forget(runId: string): void;
}

/**
 * A store over `storage`. When storage refuses (privacy mode, quota) the records live in memory
 * for as long as the page does: the run can still be controlled, just not after a reload.
 */
export function createRunTokenStore(storage: TokenStorage | null, max = MAX_OWNED_RUNS): RunTokenStore {
  let memory: OwnedRun[] = [];
  const read = (): OwnedRun[] => {
    try {
      const raw: unknown = JSON.parse(storage?.getItem(KEY) ?? 'null');
      if (!Array.isArray(raw)) return memory;
      return raw
        .map(parseOwnedRun)
        .filter((r): r is OwnedRun => r !== null)
        .slice(0, max);
    } catch {
      return memory;
    }
  };
  const write = (list: OwnedRun[]) => {
    memory = list;
    try {
      storage?.setItem(KEY, JSON.stringify(list));
    } catch {
      // Kept in memory above.
    }
  };
  return {
    list: read,
    get: (runId) => read().find((r) => r.runId === runId),
    remember: (run) => write(withRun(read(), run, max)),
    update: (runId, patch) => write(read().map((r) => (r.runId === runId ? { ...r, ...patch, runId } : r))),
    forget: (runId) => write(read().filter((r) => r.runId !== runId)),
  };
}

function browserStorage(): TokenStorage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

/** This browser's runs. */
export const ownedRuns: RunTokenStore = createRunTokenStore(browserStorage());
