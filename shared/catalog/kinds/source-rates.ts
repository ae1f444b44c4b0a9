/** Highest `rate` a source kind's schema accepts (generator, log-replay), items/s. */
export const MAX_SOURCE_RATE = 10_000_000;

/** A generator's `step` pattern grows the rate by itself each step, up to this many times it. */
export const STEP_PEAK_FACTOR = 10;
