/**
 * The flight recorder's cost (issue 17, docs/recordings.md): CPU time to append one telemetry
 * frame to a `Recording`, and the bytes it keeps per node per second, for graphs of 10, 200 and
 * 500 nodes (synthetic frames whose every number moves each tick: an upper bound on size; real
 * runs measure 260–345 B/node/s in server/recording/recording-size.test.ts). CPU time, not wall
 * time: on a shared machine wall time mostly measures the neighbours.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Recording } from '../shared/recorder/recording.js';
import { realisticRun } from '../shared/recorder/test-frames.js';

const SECONDS = 20;
const ROUNDS = 3;

export interface RecorderCost {
  nodes: number;
  edges: number;
  /** ms of CPU per appended frame, best round. */
  appendMs: number;
  bytesPerNodeSecond: number;
  frameJsonBytes: number;
}

export function measureRecorder(): RecorderCost[] {
  return [10, 200, 500].map((nodes) => {
    const edges = Math.round(nodes * 1.2);
    const run = realisticRun(nodes, edges, 10, SECONDS, 5);
    let best = Number.POSITIVE_INFINITY;
    let bytes = 0;
    for (let r = 0; r < ROUNDS; r++) {
      const rec = new Recording({ maxBytes: 64 * 1024 * 1024 });
      const c0 = process.cpuUsage();
      for (const f of run) rec.append(f);
      const c = process.cpuUsage(c0);
      best = Math.min(best, (c.user + c.system) / 1000 / run.length);
      bytes = rec.byteSize;
    }
    const frameJsonBytes = run.reduce((n, f) => n + JSON.stringify(f).length, 0) / run.length;
    return { nodes, edges, appendMs: best, bytesPerNodeSecond: bytes / nodes / SECONDS, frameJsonBytes };
  });
}

export function formatRecorder(rows: RecorderCost[]): string {
  return [
    `\nFlight recorder: CPU per appended frame (best of ${ROUNDS}, ${SECONDS} s at 10 Hz) and bytes kept`,
    ...rows.map(
      (r) =>
        `  ${String(r.nodes).padStart(3)} nodes, ${String(r.edges).padStart(3)} edges: ${r.appendMs.toFixed(2).padStart(5)} ms/frame ` +
        `(${r.appendMs.toFixed(1)} % of a core at 10 Hz), ${Math.round(r.bytesPerNodeSecond)} B/node/s ` +
        `(frame JSON ${Math.round(r.frameJsonBytes / 1000)} kB, ${Math.round((r.frameJsonBytes * 10) / r.nodes)} B/node/s)`,
    ),
  ].join('\n');
}

// `node dist/bench/bench/recorder.js` (or `node --import tsx bench/recorder.ts`): this section alone.
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  console.log(formatRecorder(measureRecorder()));
}
