// Only when running from TypeScript sources (tests, `npm run dev`): a worker does not inherit the
// parent's tsx loader, so register it here and then load the real entry. Built JS skips this file.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entry);
