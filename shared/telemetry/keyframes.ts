/**
 * When a delta subscriber (docs/telemetry.md) gets a whole frame instead of a delta. A delta is
 * told against the run's previous frame, so it is only meaningful to a socket that received
 * exactly that frame; anyone else (just subscribed, a frame skipped while its buffer was full,
 * a reconnect: a new socket) gets the whole frame. A whole frame also goes every
 * KEYFRAME_EVERY frames, so a client that dropped one (a bug, a page that ignored a delta)
 * is never wrong for long.
 */
export const KEYFRAME_EVERY = 50;

/** What the gateway remembers per socket and run: the last frame sent and how many since a whole one. */
export interface DeltaCursor {
  lastSeq: number;
  sinceKey: number;
}

/**
 * 'delta' when the socket holds the run's previous frame (`prevSeq`) and its last whole frame
 * is fewer than KEYFRAME_EVERY frames back; otherwise 'full'.
 *
 * @example sendAs({ lastSeq: 41, sinceKey: 3 }, 41) // 'delta'
 * @example sendAs({ lastSeq: 40, sinceKey: 3 }, 41) // 'full' (frame 41 was skipped for it)
 */
export function sendAs(cursor: DeltaCursor | undefined, prevSeq: number | undefined): 'delta' | 'full' {
  if (!cursor || prevSeq === undefined || cursor.lastSeq !== prevSeq) return 'full';
  return cursor.sinceKey + 1 >= KEYFRAME_EVERY ? 'full' : 'delta';
}

/** The cursor after sending frame `seq` as `how`. */
export function advance(cursor: DeltaCursor | undefined, seq: number, how: 'delta' | 'full'): DeltaCursor {
  return { lastSeq: seq, sinceKey: how === 'full' ? 0 : (cursor?.sinceKey ?? 0) + 1 };
}
