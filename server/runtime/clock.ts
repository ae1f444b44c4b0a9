/** Time as the runtime sees it. Injected so tests can drive limiters and sources on fake time. */
export interface Clock {
  /** Monotonic milliseconds (fractional). */
  now(): number;
  /** Epoch milliseconds, for item timestamps. */
  wallNow(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const realClock: Clock = {
  now: () => performance.now(),
  wallNow: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout),
};
