import { once } from 'node:events';
import { createWriteStream, mkdirSync, type WriteStream } from 'node:fs';
import path from 'node:path';
import { finished } from 'node:stream/promises';
import type { ParamsOf } from '../../../shared/catalog/define-kind.js';
import type { fileKind } from '../../../shared/catalog/kinds/file.js';
import { type DiskBudget, formatBytes, fullBudget, takeForLines } from '../disk-budget.js';
import { MAX_BATCH } from '../executors/exec-node.js';
import { type AsyncBehavior, FatalNodeError, type NodeContext } from '../node-behavior.js';
import { silentIo } from '../node-io.js';
import { defaultDataDir, runFilePath } from '../run-files.js';

type Params = ParamsOf<typeof fileKind>;

/**
 * JSON lines into `<dataDir>/runs/<runId>/<nodeId>.jsonl`, written from the run's own thread.
 * Backpressure is the stream's: when `write()` says the buffer is full the batch waits for
 * `drain`, so the sink (and then the graph) slows to the disk's pace instead of buffering.
 *
 * Three bounds, whichever is reached first: the file's own cap, the run's disk budget (all its
 * file sinks together) and the server's (every run's files). Bytes are taken from the budgets
 * before they are written, so nothing lands past them. Past any of them the sink stops writing
 * for good and says why, once, on the run's console (`run:log`); the rest is counted as
 * dropped — or, with `onFull: fail`, the run fails with that message.
 */
export function createFile(ctx: NodeContext<Params>): AsyncBehavior {
  const p = ctx.params;
  const cap = Math.min(p.maxBytes, ctx.env?.maxFileBytes ?? Number.POSITIVE_INFINITY);
  const file = runFilePath(ctx.env?.dataDir ?? defaultDataDir(), ctx.runId ?? 'run', ctx.nodeId);
  let stream: WriteStream | undefined;
  let failure: Error | undefined;
  let written = 0;
  const io = ctx.io ?? silentIo();
  const budgets = [ctx.env?.runFilesBudget, ctx.env?.filesBudget].filter((b): b is DiskBudget => !!b);
  /** Why the sink stopped writing, once it has. */
  let full: string | undefined;
  const stop = (why: string) => {
    full = why;
    io.send({
      type: 'log',
      lines: [`${ctx.nodeId}: stopped writing: ${why}; further items are dropped`],
      sampledOut: 0,
    });
  };

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
      const lines: string[] = [];
      const sizes: number[] = [];
      let fileBytes = 0;
      for (let i = 0; full === undefined && i < items.length; i++) {
        const line = `${JSON.stringify(items[i])}\n`;
        const n = Buffer.byteLength(line);
        // Whole lines only: the file always parses, even at its cap.
        if (written + fileBytes + n > cap) {
          stop(`the file reached its size cap of ${cap} bytes`);
          break;
        }
        lines.push(line);
        sizes.push(n);
        fileBytes += n;
      }
      const taken = takeForLines(budgets, sizes);
      if (taken < lines.length && full === undefined) {
        const b = fullBudget(budgets, sizes[taken]!);
        stop(
          b
            ? `${b.what} reached their budget of ${formatBytes(b.limit)} (${b.setting})`
            : 'out of disk budget',
        );
      }
      let chunk = '';
      let bytes = 0;
      for (let i = 0; i < taken; i++) {
        chunk += lines[i];
        bytes += sizes[i]!;
      }
      if (bytes > 0) {
        written += bytes;
        if (!out.write(chunk)) await once(out, 'drain', { signal });
      }
      if (failure) throw failure;
      const dropped = items.length - taken;
      if (dropped > 0 && p.onFull === 'fail') throw new FatalNodeError(`file sink stopped: ${full}`);
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
