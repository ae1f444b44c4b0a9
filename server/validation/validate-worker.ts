import { parentPort } from 'node:worker_threads';
import type { FromValidator, ToValidator } from './messages.js';
import { validateJob } from './validate-job.js';

/**
 * The validation thread: parses and compiles untrusted graph documents so that a costly one
 * (1 MB of expressions, regexes near their bound) takes this thread's time, not the time of the
 * thread that answers every other request. One job at a time; the main thread queues.
 */
const port = parentPort!;
port.on('message', (m: ToValidator) => {
  let reply: FromValidator;
  try {
    reply = { id: m.id, ...validateJob(m.job) };
  } catch {
    // Not reachable by design (every pass returns issues); a document must not make it a 500.
    const refusal = {
      status: 400,
      code: 'invalid_graph',
      message: 'the graph document could not be validated',
    };
    reply = { id: m.id, ok: false, refusal };
  }
  port.postMessage(reply);
});
// Loaded (from TypeScript sources that takes seconds): only now does a job's time limit start.
port.postMessage({ ready: true } satisfies FromValidator);
