import type { TelemetryDelta } from '../telemetry/frame-delta.js';
import type { TapMessage } from './queue-inspect.js';
import type { RunError, RunStatus, TelemetryFrame } from './telemetry.js';
import type { TraceMessage } from './trace.js';

export type Ack<T extends object = object> =
  | ({ ok: true } & T)
  | { ok: false; error: string; message: string };

export interface RunStatusMessage {
  runId: string;
  status: RunStatus;
  error?: RunError;
  /** Why the server ended the run, when it did (e.g. its duration limit, a shutdown). */
  reason?: string;
}

/** Server → client. socket.io's event name is the tag of this union; the client has one handler per event. */
export interface ServerToClientEvents {
  'run:telemetry': (frame: TelemetryFrame) => void;
  /**
   * Only to sockets that subscribed with `delta: true`: a frame told as what changed since the
   * one before (docs/telemetry.md); they still get whole frames as keyframes.
   */
  'run:telemetry-delta': (delta: TelemetryDelta) => void;
  'run:status': (message: RunStatusMessage) => void;
  'sink:items': (message: SinkItemsMessage) => void;
  'run:log': (message: RunLogMessage) => void;
  /** Hops of a followed item (issue 18), to everyone subscribed to the run. */
  'run:trace': (message: TraceMessage) => void;
  /** Items sampled from a tapped edge (issue 20), to everyone subscribed to the run. */
  'run:tap': (message: TapMessage) => void;
}

/** Items a `browser` sink delivered against credits, sent to everyone subscribed to the run. */
export interface SinkItemsMessage {
  runId: string;
  nodeId: string;
  items: unknown[];
  /**
   * Items this client missed since its last `sink:items` from this node: sent while it was not
   * reading (its socket buffer full), they were dropped for it rather than queued.
   */
  skipped?: number;
}

/** Sampled lines of a `log` sink. */
export interface RunLogMessage {
  runId: string;
  nodeId: string;
  lines: string[];
  /** Items the sink did not turn into lines (over `maxLinesPerSecond`) since the run started. */
  sampledOut: number;
  /** Lines this client missed since its last `run:log` from this node (not reading, dropped for it). */
  skipped?: number;
}

export interface ClientToServerEvents {
  'run:subscribe': (
    payload: { runId: string; token?: string; delta?: boolean },
    ack: (
      reply: Ack<{ status: RunStatus; error?: RunError; reason?: string; frame: TelemetryFrame | null }>,
    ) => void,
  ) => void;
  'run:unsubscribe': (payload: { runId: string }, ack?: (reply: Ack) => void) => void;
  'sink:credit': (
    payload: { runId: string; nodeId: string; n: number; token?: string },
    ack?: (reply: Ack) => void,
  ) => void;
}
