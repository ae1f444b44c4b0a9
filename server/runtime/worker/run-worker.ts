import { parentPort, workerData } from 'node:worker_threads';
import { emptyTotals, type RunTotals } from '../../../shared/protocol/telemetry.js';
import { type Run, startRun } from '../start-run.js';
import type { FromWorker, SpareData, SpareStart, ToWorker, WorkerStart } from './messages.js';

/**
 * A run's own thread: the runtime executes here, the main thread only relays. A crash or an
 * out-of-memory here ends this run as failed and nothing else.
 */
const port = parentPort!;
const post = (m: FromWorker) => port.postMessage(m);
const data = workerData as WorkerStart | SpareData;

// A spare thread (spare-run-thread.ts) has loaded everything above and waits for its run.
if ('spare' in data) port.once('message', (m: SpareStart) => begin(m.start));
else begin(data);

function begin(start: WorkerStart): void {
  // Status callbacks can fire while startRun is still constructing the run, before `run` is assigned.
  let run: Run | undefined;
  const totals = (): RunTotals => run?.totals() ?? emptyTotals();
  run = startRun(start.plan, {
    runId: start.runId,
    telemetryHz: start.telemetryHz,
    seed: start.seed,
    nodeEnv: start.nodeEnv,
    onNodeMessage: (nodeId, message) => post({ type: 'node', nodeId, message }),
    onFrame: (frame) => post({ type: 'frame', frame, totals: totals() }),
    onTrace: (messages) => post({ type: 'trace', messages }),
    onTap: (message) => post({ type: 'tap', message }),
    onStatus: (status, error) =>
      post(
        error
          ? { type: 'status', status, error, totals: totals() }
          : { type: 'status', status, totals: totals() },
      ),
  });
  const started = run;
  port.on('message', (m: ToWorker) => handle(started, m));
  void started.done.then((result) => {
    // The ledgers live in this thread: the main thread keeps them for the inspector after the run.
    post({ type: 'ledgers', ledgers: started.endedLedgers() });
    post({ type: 'done', result });
    port.close();
  });
}

function handle(started: Run, m: ToWorker) {
  switch (m.type) {
    case 'stop':
      return started.stop(m.mode);
    case 'pause':
      return void started.pause();
    case 'resume':
      return void started.resume();
    case 'update-node':
      return started.updateNode(m.nodeId, m.params);
    case 'update-edge':
      return started.updateEdge(m.edgeId, m.capacity, m.overflow, m.expireMs);
    case 'node':
      return started.toNode(m.nodeId, m.message);
    case 'trace':
      return started.trace(m.ask);
    case 'drops':
      return void started.drops(m.edgeId).then((drops) => post({ type: 'drops', reqId: m.reqId, drops }));
    case 'queue-items':
      return void started
        .queueItems(m.edgeId)
        .then((value) => post({ type: 'reply', reqId: m.reqId, value }));
    case 'empty-queue':
      return void started
        .emptyQueue(m.edgeId)
        .then((value) => post({ type: 'reply', reqId: m.reqId, value }));
    case 'tap':
      return started.tap(m.edgeId, m.on);
  }
}
