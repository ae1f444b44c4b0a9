import { Worker } from 'node:worker_threads';
import type { SpareData, WorkerStart } from './messages.js';

const fromSource = import.meta.url.endsWith('.ts');

/**
 * A run's own thread, given its run (`start`) or none: a spare (`spare-run-thread.ts`) that
 * loads the runtime and then waits for its run's start message.
 */
export function spawnRunThread(start: WorkerStart | null, memoryMb: number): Worker {
  const resourceLimits = { maxOldGenerationSizeMb: memoryMb, maxYoungGenerationSizeMb: 32 };
  const workerData: WorkerStart | SpareData = start ?? { spare: true };
  if (!fromSource)
    return new Worker(new URL('./run-worker.js', import.meta.url), { workerData, resourceLimits });
  const entry = new URL('./run-worker.ts', import.meta.url).href;
  return new Worker(new URL('./ts-bootstrap.mjs', import.meta.url), {
    workerData: { ...workerData, entry },
    resourceLimits,
  });
}
