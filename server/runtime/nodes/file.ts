import { once } from 'node:events';
import { createWriteStream, mkdirSync, type WriteStream } from 'node:fs';
import path from 'node:path';
import { finished } from 'node:stream/promises';
import type { ParamsOf } from '../../../shared/catalog/define-kind.js';
import type { fileKind } from '../../../shared/catalog/kinds/file.js';
import { MAX_BATCH } from '../executors/exec-node.js';
import { type AsyncBehavior, FatalNodeError, type NodeContext } from '../node-behavior.js';
import { defaultDataDir, runFilePath } from '../run-files.js';

type Params = ParamsOf<typeof fileKind>;

/**
 * JSON lines into `<dataDir>/runs/<runId>/<nodeId>.jsonl`, written from the run's own thread.
 * Backpressure is the stream's: when `write()` says the buffer is full the batch waits for
 * `drain`, so the sink (and then the graph) slows to the disk's pace instead of buffering.
 */
export function createFile(ctx: NodeContext<Params>): AsyncBehavior {
  const p = ctx.params;
  const cap = Math.min(p.maxBytes, ctx.env?.maxFileBytes ?? Number.POSITIVE_INFINITY);
  const file = runFilePath(ctx.env?.dataDir ?? defaultDataDir(), ctx.runId ?? 'run', ctx.nodeId);
  let stream: WriteStream | undefined;
  let failure: Error | undefined;
  let written = 0;

  // Opened on first use, so a failure to open follows the error policy instead of crashing the run.
  const open = (): WriteStream => {
    if (stream) return stream;
    if (!file) throw new FatalNodeError(`cannot write a file for node id "${ctx.nodeId}"`);
    mkdirSync(path.dirname(file), { recursive: true });
    stream = createWriteStream(file, { flags: 'w' });
    stream.on('error', (err) => {
      failure ??= err;
    });
    return stream;
  };

  return {
    type: 'async',
    batchSize: MAX_BATCH,
    concurrency: 1, // one writer: lines stay in arrival order
    async handle(items, signal) {
      const out = open();
      if (failure) throw failure;
      let chunk = '';
      let bytes = 0;
      let taken = 0;
      for (; taken < items.length; taken++) {
        const line = `${JSON.stringify(items[taken])}\n`;
        const n = Buffer.byteLength(line);
        // Whole lines only: the file always parses, even at its cap.
        if (written + bytes + n > cap) break;
        chunk += line;
        bytes += n;
      }
      if (bytes > 0) {
        written += bytes;
        if (!out.write(chunk)) await once(out, 'drain', { signal });
      }
      if (failure) throw failure;
      const dropped = items.length - taken;
      if (dropped > 0 && p.onFull === 'fail')
        throw new FatalNodeError(`file reached its size cap of ${cap} bytes`);
      return dropped;
    },
    async close() {
      const out = open(); // a run that wrote nothing still leaves an (empty) file to download
      out.end();
      await finished(out);
      if (failure) throw failure;
    },
  };
}
