import { z } from 'zod';

export type KindCategory = 'source' | 'transform' | 'sink';

export const ERROR_POLICIES = ['fail', 'skip', 'retry', 'dead-letter'] as const;
export const errorPolicySchema = z.enum(ERROR_POLICIES);
export type ErrorPolicy = z.infer<typeof errorPolicySchema>;

export const retrySchema = z
  .object({
    attempts: z.number().int().min(1).max(100).default(3).describe('Attempts in all, the first included'),
    baseMs: z.number().min(0).max(60_000).default(50).describe('First backoff; doubles each attempt'),
    maxMs: z.number().min(0).max(600_000).default(2_000).describe('Backoff ceiling'),
  })
  .strict();

/**
 * Params of every kind whose processing of an item can fail (`fails: true`): how the node reacts.
 * The executor applies them, one mechanism for all (server/runtime/executors/error-policy.ts);
 * kinds that cannot fail do not take them, so no form offers a param that would do nothing.
 */
export const commonParamsShape = {
  errorPolicy: errorPolicySchema
    .default('fail')
    .describe('What a failed item does: fail the run, skip it, retry it, or send it out of the error port'),
  retry: retrySchema
    .default({ attempts: 3, baseMs: 50, maxMs: 2_000 })
    .describe('Used when errorPolicy is retry'),
};

export type CommonShape = typeof commonParamsShape;

/**
 * One node kind, declared once. The compiler, the server implementation, the catalog endpoint,
 * the palette and the inspector form are all driven by this declaration.
 */
export interface KindDeclaration<S extends z.ZodRawShape = z.ZodRawShape> {
  readonly kind: string;
  readonly title: string;
  readonly category: KindCategory;
  /** A short glyph for the palette and node header. */
  readonly icon: string;
  /** One line for the palette. */
  readonly summary: string;
  /** One paragraph for the inspector help. */
  readonly docs: string;
  readonly inputs: readonly string[];
  readonly outputs: readonly string[];
  /** The full params object schema (with the common params if the kind can fail), strict: unknown params are errors. */
  readonly params: z.ZodObject<S, z.core.$strict>;
  /** The error policies the kind honours: all four when processing an item can fail, none otherwise. */
  readonly errorPolicies: readonly ErrorPolicy[];
  /** Params that can be changed while a run is going, without a restart. */
  readonly live: readonly string[];
  /** Params holding expressions (compiled by the compiler's expression pass, issues located there). */
  readonly expressions: readonly string[];
  /**
   * Outputs that depend on a param (`partition`, `round-robin`: `out0` … `out{n-1}`, n = the
   * param's value). Data, not a function, so the catalog can send it to the client.
   */
  readonly dynamicOutputs?: { prefix: string; countParam: string };
  /**
   * Distributed mode: why `replicas` > 1 would be wrong for this kind (absent = replicable).
   * Replicas share one queue, each taking a share of the items; a kind whose output depends on
   * seeing every item (or that makes the stream itself) cannot be split that way.
   */
  readonly notReplicable?: string;
  /**
   * The kind is a stateless synchronous batch step (map, filter) or a sink that only counts
   * (counter): an edge between two fusable nodes may run as one loop ("fast path", issue 21;
   * shared/compiler/fuse-plan.ts), with no queue between them. Absent = never fused.
   */
  readonly fusable?: true;
}

/** Why no source is replicable: derived from the category so no source can forget it. */
export const SOURCE_NOT_REPLICABLE =
  'a source makes the stream itself: every replica would make all of it again (duplicates), not share it';

/** The ports a node has, given its resolved params. */
export function portsOf(
  decl: KindDeclaration,
  params: Record<string, unknown> | undefined,
): { inputs: readonly string[]; outputs: readonly string[] } {
  const dyn = decl.dynamicOutputs;
  if (!dyn || !params) return { inputs: decl.inputs, outputs: decl.outputs };
  const n = Number(params[dyn.countParam]);
  const count = Number.isInteger(n) && n > 0 ? n : 0;
  return { inputs: decl.inputs, outputs: Array.from({ length: count }, (_, i) => `${dyn.prefix}${i}`) };
}

export type ParamsOf<D> = D extends KindDeclaration<infer S> ? z.output<z.ZodObject<S>> : never;

interface KindSpec<S extends z.ZodRawShape> {
  kind: string;
  title: string;
  category: KindCategory;
  icon: string;
  summary: string;
  docs: string;
  inputs: readonly string[];
  outputs: readonly string[];
  params: S;
  live: readonly (keyof S & string)[];
  expressions?: readonly (keyof S & string)[];
  dynamicOutputs?: { prefix: string; countParam: keyof S & string };
  /** Processing an item can fail: the kind takes `errorPolicy` and `retry`, and honours all four policies. */
  fails?: boolean;
  /** Why replicas would be wrong (see `KindDeclaration.notReplicable`); sources get one by category. */
  notReplicable?: string;
  /** See `KindDeclaration.fusable`. */
  fusable?: true;
}

/**
 * Declares a node kind and makes its params schema strict. A kind that can fail (`fails: true`)
 * also gets the common params `errorPolicy` and `retry`.
 *
 * @example
 * export const counterKind = defineKind({ kind: 'counter', title: 'Counter', category: 'sink', icon: '#',
 *   summary: 'Counts and discards', docs: '...', inputs: ['in'], outputs: [], params: {}, live: [] });
 */
export function defineKind<S extends z.ZodRawShape>(
  spec: KindSpec<S> & { fails: true },
): KindDeclaration<S & CommonShape>;
export function defineKind<S extends z.ZodRawShape>(
  spec: KindSpec<S> & { fails?: false },
): KindDeclaration<S>;
export function defineKind<S extends z.ZodRawShape>(spec: KindSpec<S>): KindDeclaration<z.ZodRawShape> {
  const { fails, notReplicable, fusable, ...rest } = spec;
  const params = z.object(fails ? { ...spec.params, ...commonParamsShape } : { ...spec.params }).strict();
  const whyNot = notReplicable ?? (spec.category === 'source' ? SOURCE_NOT_REPLICABLE : undefined);
  return {
    ...rest,
    ...(whyNot ? { notReplicable: whyNot } : {}),
    ...(fusable ? { fusable } : {}),
    params: params as unknown as z.ZodObject<z.ZodRawShape, z.core.$strict>,
    expressions: spec.expressions ?? [],
    errorPolicies: fails ? ERROR_POLICIES : [],
  };
}
