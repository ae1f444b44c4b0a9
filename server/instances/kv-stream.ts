import {
  DeliverPolicy,
  DiscardPolicy,
  type JetStreamClient,
  type JetStreamManager,
  StorageType,
} from '@nats-io/jetstream';

/**
 * A key-value bucket on a plain JetStream stream (docs/instances.md): one subject per key, one
 * message kept per subject, compare-and-set with the expected last sequence of the key's subject.
 * This is what NATS KV is underneath; doing it here needs no extra client package and works with
 * nats-server 2.9 (no per-key TTL there: values carry their own time where age matters).
 */
export interface KvEntry<T> {
  key: string;
  value: T;
  /** The stream sequence of this value: pass it to `update` for compare-and-set. */
  revision: number;
}

export interface KvOptions {
  /** Stream name, e.g. `sluice_kv_runs`. */
  stream: string;
  /** Subject prefix, e.g. `sluice.kv.runs`; keys become `<prefix>.<key>`. */
  prefix: string;
  /** Keys kept at most (the oldest go first): memory is bounded everywhere. */
  maxKeys: number;
  /** A value older than this is removed by the server. */
  maxAgeMs: number;
}

/** Keys are subject tokens: run ids and instance ids only use these. */
const SAFE_KEY = /^[A-Za-z0-9_-]{1,128}$/;

function checkKey(key: string): void {
  if (!SAFE_KEY.test(key)) throw new Error(`key "${key}" may only use letters, digits, _ and - (≤128)`);
}

/** "wrong last sequence" is JetStream's answer to a failed compare-and-set. */
function isCasConflict(err: unknown): boolean {
  const text =
    err instanceof Error ? `${err.message} ${String((err as { code?: unknown }).code)}` : String(err);
  return /wrong last sequence|10071/i.test(text);
}

export class KvStream<T> {
  constructor(
    private readonly js: JetStreamClient,
    private readonly jsm: JetStreamManager,
    private readonly options: KvOptions,
  ) {}

  /** Creates the stream, or leaves the existing one (another instance made it) as it is. */
  async ensure(): Promise<void> {
    const { stream, prefix, maxKeys, maxAgeMs } = this.options;
    const config = {
      name: stream,
      subjects: [`${prefix}.>`],
      max_msgs_per_subject: 1,
      max_msgs: maxKeys,
      max_age: maxAgeMs * 1_000_000, // nanoseconds
      discard: DiscardPolicy.Old,
      storage: StorageType.File,
      allow_direct: true,
    };
    try {
      await this.jsm.streams.info(stream);
    } catch {
      try {
        await this.jsm.streams.add(config);
      } catch (err) {
        // Two instances starting at once: the other one created it.
        if (!/already in use|already exists/i.test(String(err))) throw err;
      }
    }
  }

  subject(key: string): string {
    checkKey(key);
    return `${this.options.prefix}.${key}`;
  }

  /** Writes `value` whatever was there; returns its revision. */
  async put(key: string, value: T): Promise<number> {
    const ack = await this.js.publish(this.subject(key), JSON.stringify(value));
    return ack.seq;
  }

  /** Writes `value` only if the key has no value yet. Returns its revision, or null if it had one. */
  async create(key: string, value: T): Promise<number | null> {
    return this.update(key, value, 0);
  }

  /**
   * Compare-and-set: writes `value` only if the key's current revision is `revision` (0: none).
   * Returns the new revision, or null when someone else wrote it first.
   */
  async update(key: string, value: T, revision: number): Promise<number | null> {
    try {
      const ack = await this.js.publish(this.subject(key), JSON.stringify(value), {
        expect: { lastSubjectSequence: revision },
      });
      return ack.seq;
    } catch (err) {
      if (isCasConflict(err)) return null;
      throw err;
    }
  }

  async get(key: string): Promise<KvEntry<T> | null> {
    const msg = await this.jsm.streams
      .getMessage(this.options.stream, { last_by_subj: this.subject(key) })
      .catch((err: unknown) => {
        if (/no message found|not found/i.test(String(err))) return null;
        throw err;
      });
    if (!msg) return null;
    return { key, value: msg.json<T>(), revision: msg.seq };
  }

  /** Every key's current value (bounded by `maxKeys`), read with a short-lived ordered consumer. */
  async entries(): Promise<KvEntry<T>[]> {
    const info = await this.jsm.streams.info(this.options.stream);
    if (info.state.messages === 0) return [];
    const consumer = await this.js.consumers.get(this.options.stream, {
      // The stream holds only this bucket's subjects (no filter: 2.9 takes one only as a string).
      deliver_policy: DeliverPolicy.LastPerSubject,
    });
    const out: KvEntry<T>[] = [];
    const prefix = `${this.options.prefix}.`;
    // Asking for exactly what is pending: a fetch for more would wait out its expiry.
    let remaining = (await consumer.info()).num_pending;
    while (remaining > 0) {
      const batch = await consumer.fetch({ max_messages: Math.min(256, remaining), expires: 2_000 });
      let got = 0;
      for await (const m of batch) {
        got++;
        remaining = m.info.pending;
        out.push({ key: m.subject.slice(prefix.length), value: m.json<T>(), revision: m.seq });
      }
      if (got === 0) break;
    }
    return out;
  }
}
