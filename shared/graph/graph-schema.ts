import { z } from 'zod';
import { POISON_KEYS } from './poison-keys.js';

/** The public graph document, schemaVersion 1 (see contract.md). One schema, used everywhere. */
export const SCHEMA_VERSION = 1 as const;

export const DEFAULT_CAPACITY = 64;
export const MAX_CAPACITY = 1_000_000;
/** A node's label (the name shown beside its id), characters. */
export const MAX_LABEL = 200;

export const idSchema = z
  .string()
  .min(1, 'must not be empty')
  .max(64, 'must be at most 64 characters')
  .regex(/^[A-Za-z0-9_.:-]+$/, 'may only use letters, digits and _ . : -')
  // Ids become keys of telemetry frames and client maps: a prototype name there would rewrite one.
  .refine((id) => !POISON_KEYS.has(id), { message: 'is a reserved name' });

export const overflowSchema = z.enum(['block', 'drop-newest', 'drop-oldest']);
export type Overflow = z.infer<typeof overflowSchema>;

export const MAX_REPLICAS = 64;
export const DEFAULT_PROCESS = 'main';
export const transportSchema = z.enum(['memory', 'nats']);
export type Transport = z.infer<typeof transportSchema>;

export const MAX_EXPIRE_MS = 86_400_000;
export const expireMsSchema = z.number().int('must be a whole number').min(1).max(MAX_EXPIRE_MS);

export const positionSchema = z.object({ x: z.number().finite(), y: z.number().finite() }).strict();

export const graphNodeSchema = z
  .object({
    id: idSchema,
    kind: z.string().min(1).max(64),
    position: positionSchema.default({ x: 0, y: 0 }),
    params: z.record(z.string(), z.unknown()).default({}),
    label: z.string().max(MAX_LABEL, `must be at most ${MAX_LABEL} characters`).optional(),
    /** Distributed mode: nodes with the same `process` run together in one part (default "main"). */
    process: idSchema.optional(),
    /** Distributed mode: parts that run this node, sharing one durable consumer of its input (1–64). */
    replicas: z.number().int('must be a whole number').min(1).max(MAX_REPLICAS).optional(),
  })
  .strict();

export const graphEdgeSchema = z
  .object({
    id: idSchema,
    source: idSchema,
    sourcePort: z.string().min(1).max(64).default('out'),
    target: idSchema,
    targetPort: z.string().min(1).max(64).default('in'),
    capacity: z.number().int('must be a whole number').min(0).max(MAX_CAPACITY).default(DEFAULT_CAPACITY),
    overflow: overflowSchema.default('block'),
    /** `memory` (a queue in one part) or `nats` (a JetStream stream). Default: see `edgeTransport`. */
    transport: transportSchema.optional(),
    /** Items that waited longer than this (ms) are dropped when they reach the head, counted as `expired`. */
    expireMs: expireMsSchema.optional(),
    /**
     * Fast path (issue 21): run the two ends as one loop, no queue between them (both fusable kinds,
     * or a closed-loop generator with rate null into one; this edge the source's only output and
     * the target's only input). `false` keeps the queue even
     * when the run is started with `fuse: true`. Absent = a queue, as always.
     */
    fuse: z.boolean().optional(),
  })
  .strict();

/** Canvas notes (Markdown comments): how many, and how long each may be. */
export const MAX_NOTES = 200;
export const MAX_NOTE_TEXT = 4_000;
const noteSize = z.number().finite().min(40, 'must be at least 40').max(4_000, 'must be at most 4000');

/** A Markdown comment on the canvas. Drawn only: the compiler and the runtime never read it. */
export const graphNoteSchema = z
  .object({
    id: idSchema,
    position: positionSchema,
    width: noteSize,
    height: noteSize,
    text: z.string().max(MAX_NOTE_TEXT, `must be at most ${MAX_NOTE_TEXT} characters`),
  })
  .strict();

/** Visual groups (titled, coloured frames around nodes): how many, and how long a title may be. */
export const MAX_GROUPS = 100;
export const MAX_GROUP_TITLE = 80;
/** A fixed palette, so a shared graph cannot carry arbitrary CSS: the client maps each name to its colours. */
export const GROUP_COLORS = [
  'slate',
  'blue',
  'teal',
  'green',
  'amber',
  'orange',
  'red',
  'violet',
  'pink',
] as const;
export type GroupColor = (typeof GROUP_COLORS)[number];

/**
 * A frame around nodes, drawn only (the compiler and the runtime never read it). Its bounds are
 * derived from its nodes, so it stores no position or size that could drift from them.
 */
export const graphGroupSchema = z
  .object({
    id: idSchema,
    title: z.string().max(MAX_GROUP_TITLE, `must be at most ${MAX_GROUP_TITLE} characters`),
    color: z.enum(GROUP_COLORS),
    nodeIds: z.array(idSchema).min(1, 'must name at least one node').max(2_000),
    /** Drawn as one box with the group's aggregate numbers. */
    collapsed: z.boolean().optional(),
  })
  .strict();

export const graphSchema = z
  .object({
    schemaVersion: z.literal(SCHEMA_VERSION),
    name: z.string().max(200).default('untitled'),
    description: z.string().max(10_000).optional(),
    nodes: z.array(graphNodeSchema),
    edges: z.array(graphEdgeSchema).default([]),
    /** Optional: a graph without notes means what it meant before. */
    notes: z.array(graphNoteSchema).max(MAX_NOTES, `must have at most ${MAX_NOTES} notes`).optional(),
    /** Optional: a graph without groups means what it meant before. */
    groups: z.array(graphGroupSchema).max(MAX_GROUPS, `must have at most ${MAX_GROUPS} groups`).optional(),
  })
  .strict()
  .superRefine((g, ctx) => {
    if (g.groups) checkGroups(g.nodes, g.groups, ctx);
  });

/** Every group names existing nodes, each node in at most one group, and group ids are unique. */
function checkGroups(
  nodes: readonly { id: string }[],
  groups: readonly z.output<typeof graphGroupSchema>[],
  ctx: z.RefinementCtx,
): void {
  const known = new Set(nodes.map((n) => n.id));
  const owner = new Map<string, string>();
  const ids = new Set<string>();
  groups.forEach((group, i) => {
    if (ids.has(group.id))
      ctx.addIssue({
        code: 'custom',
        path: ['groups', i, 'id'],
        message: `duplicate group id "${group.id}"`,
      });
    ids.add(group.id);
    group.nodeIds.forEach((nodeId, j) => {
      const path = ['groups', i, 'nodeIds', j];
      const other = owner.get(nodeId);
      if (!known.has(nodeId))
        ctx.addIssue({ code: 'custom', path, message: `node "${nodeId}" does not exist` });
      else if (other !== undefined)
        ctx.addIssue({
          code: 'custom',
          path,
          message:
            other === group.id
              ? `node "${nodeId}" is listed twice`
              : `node "${nodeId}" is already in group "${other}" (a node is in at most one group)`,
        });
      else owner.set(nodeId, group.id);
    });
  });
}

/** A graph as written (defaults may be missing). */
export type GraphInput = z.input<typeof graphSchema>;
/** A graph after parsing: every default filled in. */
export type Graph = z.output<typeof graphSchema>;
export type GraphNode = z.output<typeof graphNodeSchema>;
export type GraphEdge = z.output<typeof graphEdgeSchema>;
export type GraphNote = z.output<typeof graphNoteSchema>;
export type GraphGroup = z.output<typeof graphGroupSchema>;
