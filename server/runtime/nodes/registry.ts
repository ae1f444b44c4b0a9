import type { NodeRegistry } from '../node-behavior.js';
import { createAnomaly } from './anomaly.js';
import { createBatch } from './batch.js';
import { createBrowser } from './browser.js';
import { createCounter } from './counter.js';
import { createFile } from './file.js';
import { createFileTail } from './file-tail.js';
import { createFilter } from './filter.js';
import { createGenerator } from './generator.js';
import { createHttpIngest } from './http-ingest.js';
import { createHttpPost } from './http-post.js';
import { createLog } from './log.js';
import { createLogReplay } from './log-replay.js';
import { createMap } from './map.js';
import { createNatsIn } from './nats-in.js';
import { createNatsOut } from './nats-out.js';
import { createParseLog } from './parse-log.js';
import { createPartition } from './partition.js';
import { createRateLimit } from './rate-limit.js';
import { createRoundRobin } from './round-robin.js';
import { createWindow } from './window.js';
import { createWorker } from './worker.js';

export const registry: NodeRegistry = {
  generator: createGenerator,
  'log-replay': (ctx) => createLogReplay(ctx),
  'http-ingest': createHttpIngest,
  'nats-in': (ctx) => createNatsIn(ctx),
  'file-tail': createFileTail,
  map: createMap,
  filter: createFilter,
  'parse-log': createParseLog,
  worker: createWorker,
  'rate-limit': createRateLimit,
  batch: createBatch,
  window: createWindow,
  partition: createPartition,
  'round-robin': createRoundRobin,
  anomaly: createAnomaly,
  counter: createCounter,
  log: createLog,
  browser: createBrowser,
  'http-post': createHttpPost,
  file: createFile,
  'nats-out': (ctx) => createNatsOut(ctx),
};
