/**
 * A rate limiter answers "how long until one more item may pass" and records the ones that do;
 * the caller does the waiting (cancellably) or the dropping. Times are run milliseconds.
 */
export interface Limiter {
  readonly algorithm: LimiterParams['algorithm'];
  /** ms until one item may pass at `now` (0: now). Does not consume. */
  delayFor(now: number): number;
  /** One item passes at `now` (only after `delayFor(now)` returned 0). */
  take(now: number): void;
  /** Permits available now, and the most there can be (for the gauge). */
  tokens(now: number): number;
  readonly capacity: number;
  /**
   * Live edit: take over what a limiter of the same algorithm had used up, so a new rate or size
   * never hands out a fresh full bucket (or forgets a window's admissions) mid-run.
   */
  continueFrom(previous: Limiter, now: number): void;
}

export interface LimiterParams {
  algorithm: 'token-bucket' | 'leaky-bucket' | 'sliding-window';
  /** Items per second. */
  rate: number;
  /** Token bucket: bucket size. Leaky bucket: items that may wait in the bucket. */
  burst: number;
  /** Sliding window: window length; `rate × windowMs / 1000` items per window. */
  windowMs: number;
}

/** Largest sliding-window log we keep: the window's admissions are remembered one by one. */
export const MAX_WINDOW_PERMITS = 1_000_000;
