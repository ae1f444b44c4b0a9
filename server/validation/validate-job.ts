import { compileGraph } from '../../shared/compiler/compile.js';
import { HttpError } from '../http/api-error.js';
import { enforceImportLimits, validateGraphDocument } from '../http/validate-graph.js';
import type { ValidationJob, ValidationOutcome, ValidationRefusal } from './messages.js';

/**
 * Does one validation job, synchronously (in the validation thread; tests may call it directly).
 * An HttpError (a limit, an invalid document) comes back as a refusal, not thrown.
 */
export function validateJob(
  job: ValidationJob,
): { ok: true; outcome: ValidationOutcome } | { ok: false; refusal: ValidationRefusal } {
  try {
    switch (job.kind) {
      case 'save':
        return { ok: true, outcome: { kind: 'save', ...validateGraphDocument(job.doc, job.limits) } };
      case 'run':
        enforceImportLimits(job.doc, job.limits, 'compile_failed');
        return { ok: true, outcome: { kind: 'run', compiled: compileGraph(job.doc) } };
      case 'issues': {
        const compiled = compileGraph(job.doc);
        return { ok: true, outcome: { kind: 'issues', issues: compiled.ok ? [] : compiled.issues } };
      }
    }
  } catch (e) {
    if (!(e instanceof HttpError)) throw e;
    const refusal: ValidationRefusal = { status: e.status, code: e.code, message: e.message };
    if (e.issues !== undefined) refusal.issues = e.issues;
    return { ok: false, refusal };
  }
}
