import { hostname } from 'node:os';
import path from 'node:path';
import { nanoid } from 'nanoid';
import pino from 'pino';
import {
  httpPostAllowFromEnv,
  limitsFromEnv,
  natsAllowFromEnv,
  natsUrlFromEnv,
  tailDirFromEnv,
} from '../config.js';
import { connectNats } from '../distributed/cluster.js';
import { RUNNER_ID_PATTERN } from '../distributed/runner-registry.js';
import { ORPHAN_PART_MS } from './coordinator-watch.js';
import { Runner } from './runner.js';

/**
 * `npm run runner`: a runner process of distributed mode. It joins the cluster at
 * SLUICE_NATS_URL and runs the parts of runs the server places on it.
 */
const logger = pino({ level: process.env.LOG_LEVEL ?? 'info' });

function fail(message: string): never {
  logger.fatal({ reason: message }, `cannot start: ${message}`);
  process.exit(1);
}

function config() {
  const natsUrl = natsUrlFromEnv();
  if (!natsUrl)
    fail('SLUICE_NATS_URL is not set: a runner needs the NATS server, e.g. nats://127.0.0.1:4222');
  // A host name may have dots (an FQDN): ids go into subjects, where a dot separates tokens.
  const host = hostname();
  const id =
    process.env.SLUICE_RUNNER_ID?.trim() ||
    `${host.replace(/[^A-Za-z0-9_-]/g, '-').slice(0, 48)}-${nanoid(8)}`;
  if (!RUNNER_ID_PATTERN.test(id))
    fail(`SLUICE_RUNNER_ID must be 1–64 letters, digits, - or _ (it is part of NATS subjects), got "${id}"`);
  const rawSlots = process.env.SLUICE_RUNNER_SLOTS?.trim() || '4';
  const slots = Number(rawSlots);
  if (!Number.isInteger(slots) || slots < 1 || slots > 1024)
    fail(`SLUICE_RUNNER_SLOTS must be a whole number from 1 to 1024, got "${rawSlots}"`);
  const rawOrphan = process.env.SLUICE_ORPHAN_PART_MS?.trim() || String(ORPHAN_PART_MS);
  const orphanMs = Number(rawOrphan);
  if (!Number.isFinite(orphanMs) || orphanMs < 300)
    fail(`SLUICE_ORPHAN_PART_MS must be a number of milliseconds, at least 300, got "${rawOrphan}"`);
  const limits = limitsFromEnv();
  const dataDir = path.resolve(process.env.DATA_DIR ?? './data');
  return {
    natsUrl,
    id,
    host,
    slots,
    memoryMb: limits.runMemoryMb,
    orphanMs,
    nodeEnv: {
      dataDir,
      maxFileBytes: limits.maxFileBytes,
      httpPostAllow: httpPostAllowFromEnv(),
      natsAllow: natsAllowFromEnv(),
      ...(tailDirFromEnv() !== undefined ? { tailDir: tailDirFromEnv() } : {}),
    },
  };
}

let options: ReturnType<typeof config>;
try {
  options = config();
} catch (err) {
  fail(err instanceof Error ? err.message : String(err));
}
const nc = await connectNats(options.natsUrl, `sluice-runner@${options.id}`).catch((err: Error) =>
  fail(err.message),
);
const runner = new Runner(nc, { ...options, logger });
await runner.start();
// Tests and operators read the id from this line.
logger.info({ runnerId: options.id, host: options.host, slots: options.slots }, 'runner is ready');

let closing = false;
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => {
    if (closing) return;
    closing = true;
    logger.info({ signal, parts: runner.partKeys() }, 'shutting down: stopping parts');
    const force = setTimeout(() => {
      logger.error('shutdown took longer than 15 s; exiting anyway');
      process.exit(1);
    }, 15_000);
    force.unref();
    runner
      .shutdown(`runner ${options.id} shut down (${signal})`)
      .then(() => nc.drain())
      .then(() => {
        logger.info('stopped: parts ended');
        process.exit(0);
      })
      .catch((err: unknown) => {
        logger.error({ err }, 'shutdown failed');
        process.exit(1);
      });
  });
}
