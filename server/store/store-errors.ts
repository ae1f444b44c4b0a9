/** The database cannot be reached or is shutting down: the request may succeed later (503). */
export class StoreUnavailableError extends Error {
  readonly code = 'store_unavailable';
  constructor(reason: string) {
    super(`the graph store is unavailable (${reason}); try again shortly`);
  }
}

/** An import that would overwrite or mix with what a store holds; nothing was written. */
export class StoreConflictError extends Error {}

/** The file given to `db import` is not a Sluice export (or was altered); nothing was written. */
export class DumpFormatError extends Error {}

// SQLSTATE classes 08 (connection), 53 (insufficient resources), 57P0x (shutdown / cannot connect now).
const PG_UNAVAILABLE = /^(08|53|57P0[1-4])/;
const NODE_UNAVAILABLE = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EPIPE',
  'EHOSTUNREACH',
]);
const SQLITE_UNAVAILABLE = /^SQLITE_(BUSY|LOCKED|IOERR|FULL|CANTOPEN|READONLY)/;

/**
 * Whether a driver error means "the database is not there right now" rather than a bug: those become
 * a 503 the client can retry, everything else stays an internal error (logged, never shown).
 */
export function unavailableReason(err: unknown): string | undefined {
  if (!(err instanceof Error)) return undefined;
  const code = (err as { code?: unknown }).code;
  if (typeof code === 'string') {
    if (PG_UNAVAILABLE.test(code) || NODE_UNAVAILABLE.has(code) || SQLITE_UNAVAILABLE.test(code)) return code;
  }
  // node-postgres reports a dropped or timed-out connection without a code.
  if (
    /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error/.test(
      err.message,
    )
  )
    return 'connection lost';
  return undefined;
}

/** Rethrows availability errors as `StoreUnavailableError`; others unchanged. */
export function asStoreError(err: unknown): unknown {
  const reason = unavailableReason(err);
  return reason === undefined ? err : new StoreUnavailableError(reason);
}
