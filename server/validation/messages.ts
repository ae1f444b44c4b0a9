import type { CompileResult } from '../../shared/compiler/compile.js';
import type { Issue } from '../../shared/compiler/issue.js';
import type { Graph } from '../../shared/graph/graph-schema.js';
import type { Limits } from '../config.js';

/**
 * What the validation thread is asked. `save`: a document to store (import limits, schema, and
 * what stops it from running as `runIssues`). `run`: a graph to start (import limits, then the
 * whole compile, plan included). `issues`: only the compile issues of a stored graph (fork).
 */
export type ValidationJob =
  | { kind: 'save'; doc: unknown; limits: Limits }
  | { kind: 'run'; doc: unknown; limits: Limits }
  | { kind: 'issues'; doc: unknown };

export type ValidationOutcome =
  | { kind: 'save'; graph: Graph; runIssues: Issue[] }
  | { kind: 'run'; compiled: CompileResult }
  | { kind: 'issues'; issues: Issue[] };

/** An HttpError, as data that crosses threads. */
export interface ValidationRefusal {
  status: number;
  code: string;
  message: string;
  issues?: Issue[];
}

export type ToValidator = { id: number; job: ValidationJob };
export type FromValidator =
  | { ready: true }
  | { id: number; ok: true; outcome: ValidationOutcome }
  | { id: number; ok: false; refusal: ValidationRefusal };
