import { z } from 'zod';
import type { KindCategory, KindDeclaration } from './define-kind.js';
import { anomalyKind } from './kinds/anomaly.js';
import { batchKind } from './kinds/batch.js';
import { browserKind } from './kinds/browser.js';
import { counterKind } from './kinds/counter.js';
import { fileKind } from './kinds/file.js';
import { fileTailKind } from './kinds/file-tail.js';
import { filterKind } from './kinds/filter.js';
import { generatorKind } from './kinds/generator.js';
import { httpIngestKind } from './kinds/http-ingest.js';
import { httpPostKind } from './kinds/http-post.js';
import { logKind } from './kinds/log.js';
import { logReplayKind } from './kinds/log-replay.js';
import { mapKind } from './kinds/map.js';
import { natsInKind } from './kinds/nats-in.js';
import { natsOutKind } from './kinds/nats-out.js';
import { parseLogKind } from './kinds/parse-log.js';
import { partitionKind } from './kinds/partition.js';
import { rateLimitKind } from './kinds/rate-limit.js';
import { roundRobinKind } from './kinds/round-robin.js';
import { windowKind } from './kinds/window.js';
import { workerKind } from './kinds/worker.js';

/** Every kind, by name. The server's implementation registry is typed against this map. */
export const kinds = {
  generator: generatorKind,
  'log-replay': logReplayKind,
  'http-ingest': httpIngestKind,
  'nats-in': natsInKind,
  'file-tail': fileTailKind,
  map: mapKind,
  filter: filterKind,
  'parse-log': parseLogKind,
  worker: workerKind,
  'rate-limit': rateLimitKind,
  batch: batchKind,
  window: windowKind,
  partition: partitionKind,
  'round-robin': roundRobinKind,
  anomaly: anomalyKind,
  counter: counterKind,
  log: logKind,
  browser: browserKind,
  'http-post': httpPostKind,
  file: fileKind,
  'nats-out': natsOutKind,
} as const;

export type KindName = keyof typeof kinds;

export function isKindName(kind: string): kind is KindName {
  return Object.hasOwn(kinds, kind);
}

export function getKind(kind: string): KindDeclaration | undefined {
  return isKindName(kind) ? (kinds[kind] as unknown as KindDeclaration) : undefined;
}

/** The catalog entry served by `GET /api/catalog`: the declaration with params as JSON Schema. */
export interface CatalogEntry {
  kind: string;
  title: string;
  category: KindCategory;
  icon: string;
  summary: string;
  docs: string;
  inputs: string[];
  outputs: string[];
  live: string[];
  /** Params that are expressions (the inspector shows the language reference for them). */
  expressions: string[];
  /** Set when ports depend on params: `out{n}` for `out0` … `out{n-1}`, n from the named param. */
  dynamicOutputs?: { prefix: string; countParam: string };
  params: Record<string, unknown>;
  /** Error policies the kind honours (`errorPolicy` param); empty for kinds whose processing cannot fail. */
  errorPolicies: string[];
  /** Distributed mode: why the kind takes no `replicas` > 1 (absent = it may be replicated). */
  notReplicable?: string;
  /** The kind may be fused with a fusable neighbour on a memory edge (issue 21's fast path). */
  fusable?: true;
}

export function catalogEntries(): CatalogEntry[] {
  return Object.values(kinds).map((d) => {
    const decl = d as unknown as KindDeclaration;
    return {
      kind: decl.kind,
      title: decl.title,
      category: decl.category,
      icon: decl.icon,
      summary: decl.summary,
      docs: decl.docs,
      inputs: [...decl.inputs],
      outputs: [...decl.outputs],
      live: [...decl.live],
      expressions: [...decl.expressions],
      ...(decl.dynamicOutputs ? { dynamicOutputs: { ...decl.dynamicOutputs } } : {}),
      params: z.toJSONSchema(decl.params, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>,
      errorPolicies: [...decl.errorPolicies],
      ...(decl.notReplicable ? { notReplicable: decl.notReplicable } : {}),
      ...(decl.fusable ? { fusable: decl.fusable } : {}),
    };
  });
}
