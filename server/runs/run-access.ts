import { createHash, timingSafeEqual } from 'node:crypto';
import { nanoid } from 'nanoid';

/** 32 nanoid characters: 192 random bits, not guessable or enumerable. */
const TOKEN_LENGTH = 32;

export type RunRole = 'owner' | 'watcher';

/** The outcome of checking a token: who it makes the caller, or why it is refused. */
export type AccessCheck = RunRole | 'unauthorized' | 'forbidden';

/**
 * Compares two secrets in time independent of where they differ. Both sides are hashed first so
 * the comparison also does not reveal the expected length.
 */
export function sameSecret(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

/**
 * Who may do what with one run: the run token controls it, the watch token only reads it, and
 * each `http-ingest` node's key only posts items to that node. Kept with the run in memory for as
 * long as the run is remembered, never persisted, never listed.
 */
export class RunAccess {
  readonly runToken = nanoid(TOKEN_LENGTH);
  readonly watchToken = nanoid(TOKEN_LENGTH);
  readonly ingestKeys: ReadonlyMap<string, string>;

  constructor(ingestNodeIds: readonly string[]) {
    this.ingestKeys = new Map(ingestNodeIds.map((id) => [id, nanoid(TOKEN_LENGTH)]));
  }

  /** Reading (status, telemetry): the run token or the watch token. */
  check(token: string | undefined): AccessCheck {
    if (token === undefined || token === '') return 'unauthorized';
    // Both compared every time, so the answer's timing does not tell which one matched.
    const owner = sameSecret(token, this.runToken);
    const watcher = sameSecret(token, this.watchToken);
    return owner ? 'owner' : watcher ? 'watcher' : 'forbidden';
  }

  /** Control (stop, pause, params, credits, files): the run token only. */
  checkOwner(token: string | undefined): 'owner' | 'unauthorized' | 'forbidden' {
    const role = this.check(token);
    return role === 'watcher' ? 'forbidden' : role;
  }

  /** Posting to an ingest node: that node's key, or the run token. */
  checkIngest(nodeId: string, token: string | undefined): 'ok' | 'unauthorized' | 'forbidden' {
    if (token === undefined || token === '') return 'unauthorized';
    const key = this.ingestKeys.get(nodeId);
    const byKey = key !== undefined && sameSecret(token, key);
    const byOwner = sameSecret(token, this.runToken);
    return byKey || byOwner ? 'ok' : 'forbidden';
  }

  ingestKeysRecord(): Record<string, string> {
    return Object.fromEntries(this.ingestKeys);
  }
}
