import type { RunError, RunStatus, TelemetryFrame } from './telemetry.js';

export type Ack<T extends object = object> =
  | ({ ok: true } & T)
  | { ok: false; error: string; message: string };

export interface RunStatusMessage {
  runId: string;
  status: RunStatus;
  error?: RunError;
}

/** Server → client. socket.io's event name is the tag of this union; the client has one handler per event. */
export interface ServerToClientEvents {
  'run:telemetry': (frame: TelemetryFrame) => void;
  'run:status': (message: RunStatusMessage) => void;
  'sink:items': (message: { runId: string; nodeId: string; items: unknown[] }) => void;
  'run:log': (message: { runId: string; nodeId: string; lines: string[] }) => void;
}

export interface ClientToServerEvents {
  'run:subscribe': (
    payload: { runId: string },
    ack: (reply: Ack<{ status: RunStatus; error?: RunError; frame: TelemetryFrame | null }>) => void,
  ) => void;
  'run:unsubscribe': (payload: { runId: string }, ack?: (reply: Ack) => void) => void;
  'sink:credit': (payload: { runId: string; nodeId: string; n: number }, ack?: (reply: Ack) => void) => void;
}
