import { createHash, timingSafeEqual } from 'node:crypto';
import type { JetStreamClient, JetStreamManager } from '@nats-io/jetstream';
import { z } from 'zod';
import { COORDINATOR_GONE_REASON, RUNS_PREFIX, type RunRecord } from '../../shared/protocol/instances.js';
import { isFinished, RUN_STATUSES, type RunError, type RunStatus } from '../../shared/protocol/telemetry.js';
import { KvStream } from './kv-stream.js';

/** Runs remembered cluster-wide; the oldest go first (a run is long over by then). */
export const MAX_REGISTERED_RUNS = 10_000;
const RUNS_MAX_AGE_MS = 24 * 3600_000;

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/** Registry values are bytes anyone connected could publish: parsed, not trusted. */
const recordSchema = z.object({
  instance: z.string().max(200),
  status: z.enum(RUN_STATUSES),
  startedAt: z.number().finite(),
  runTokenHash: z.string().regex(/^[0-9a-f]{64}$/),
  watchTokenHash: z.string().regex(/^[0-9a-f]{64}$/),
  graphId: z.string().max(200).optional(),
  error: z.object({ message: z.string().max(10_000), nodeId: z.string().max(200).optional() }).optional(),
  reason: z.string().max(1_000).optional(),
});

/**
 * runId → the instance coordinating it, its status and its token hashes (docs/instances.md). The
 * coordinator writes it; when a coordinator dies, exactly one other instance turns each of its
 * live runs `failed` by compare-and-set.
 */
export class RunRegistry {
  readonly kv: KvStream<RunRecord>;

  constructor(js: JetStreamClient, jsm: JetStreamManager) {
    this.kv = new KvStream<RunRecord>(js, jsm, {
      stream: 'sluice_kv_runs',
      prefix: RUNS_PREFIX,
      maxKeys: MAX_REGISTERED_RUNS,
      maxAgeMs: RUNS_MAX_AGE_MS,
    });
  }

  ensure(): Promise<void> {
    return this.kv.ensure();
  }

  async register(runId: string, record: RunRecord): Promise<void> {
    await this.kv.put(runId, record);
  }

  async lookup(runId: string): Promise<{ record: RunRecord; revision: number } | null> {
    let entry: Awaited<ReturnType<KvStream<RunRecord>['get']>>;
    try {
      entry = await this.kv.get(runId);
    } catch (err) {
      // A run id that cannot be a key (dots, spaces) is no run of ours.
      if (/may only use/.test(String(err))) return null;
      throw err;
    }
    if (!entry) return null;
    const parsed = recordSchema.safeParse(entry.value);
    return parsed.success ? { record: parsed.data as RunRecord, revision: entry.revision } : null;
  }

  /**
   * The coordinator's status change. Never overwrites an ended status another instance wrote
   * (a run declared failed while its coordinator was cut off stays failed).
   */
  async setStatus(runId: string, status: RunStatus, error?: RunError, reason?: string): Promise<void> {
    for (let attempt = 0; attempt < 5; attempt++) {
      const found = await this.lookup(runId);
      if (!found || isFinished(found.record.status)) return;
      const next: RunRecord = { ...found.record, status };
      if (error) next.error = error;
      if (reason !== undefined) next.reason = reason;
      if ((await this.kv.update(runId, next, found.revision)) !== null) return;
    }
  }

  /**
   * Marks run `runId` failed because its coordinator `instance` stopped, if it still says that
   * instance coordinates it and it has not ended. Returns the record written, or null when
   * another instance did it first (or there is nothing to do): exactly one caller wins.
   */
  async failOrphan(runId: string, instance: string): Promise<RunRecord | null> {
    const found = await this.lookup(runId);
    if (!found || found.record.instance !== instance || isFinished(found.record.status)) return null;
    const next: RunRecord = { ...found.record, status: 'failed', reason: COORDINATOR_GONE_REASON };
    return (await this.kv.update(runId, next, found.revision)) === null ? null : next;
  }

  /** Every registered run `instance` coordinated that has not ended. */
  async liveRunsOf(instance: string): Promise<string[]> {
    const entries = await this.kv.entries();
    return entries
      .filter((e) => e.value.instance === instance && !isFinished(e.value.status))
      .map((e) => e.key);
  }
}

/** Who `token` makes its bearer for a registered run: `owner`, `watcher`, or null. */
export function roleByHash(record: RunRecord, token: string | undefined): 'owner' | 'watcher' | null {
  if (!token) return null;
  const given = Buffer.from(hashToken(token), 'hex');
  const owner = timingSafeEqual(given, Buffer.from(record.runTokenHash, 'hex'));
  const watcher = timingSafeEqual(given, Buffer.from(record.watchTokenHash, 'hex'));
  return owner ? 'owner' : watcher ? 'watcher' : null;
}
