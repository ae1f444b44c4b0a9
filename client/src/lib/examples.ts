import { type GraphInput, graphSchema } from '../../../shared/graph/graph-schema.js';
import { type PatchRunParamsRequest, patchRunParamsRequestSchema } from '../../../shared/protocol/api.js';

/** One part of a lesson step: "Look at", "Change", "You will see", "Why". */
export interface LessonSection {
  label: string;
  text: string;
}

export interface LessonStep {
  title?: string;
  sections: LessonSection[];
  /** The step's change as a live edit (`PATCH /api/runs/:id/params` body), when it can be one. */
  patch?: PatchRunParamsRequest;
}

export interface Lesson {
  intro?: string;
  steps: LessonStep[];
}

export interface Example {
  id: string;
  title: string;
  summary: string;
  lesson: Lesson;
  /** The lesson offers a slow-motion replay of the run at this speed (0.1–1). */
  replaySpeed?: number;
  graph: GraphInput;
}

const LABELS: Record<string, string> = {
  look: 'Look at',
  lookAt: 'Look at',
  watch: 'Watch',
  change: 'Change',
  do: 'Do',
  try: 'Try',
  see: 'You will see',
  expect: 'You will see',
  observe: 'You will see',
  why: 'Why',
  explanation: 'Why',
};

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const text = (v: unknown) => (typeof v === 'string' ? v.trim() : '');

function labelOf(key: string): string {
  return LABELS[key] ?? (key.charAt(0).toUpperCase() + key.slice(1)).replace(/([a-z])([A-Z])/g, '$1 $2');
}

function parseStep(raw: unknown): LessonStep | null {
  if (typeof raw === 'string') return raw.trim() ? { sections: [{ label: '', text: raw.trim() }] } : null;
  if (!isRecord(raw)) return null;
  const title = text(raw.title) || text(raw.name) || undefined;
  const sections = Object.entries(raw)
    .filter(([k, v]) => k !== 'title' && k !== 'name' && text(v) !== '')
    .map(([k, v]) => ({ label: labelOf(k), text: text(v) }));
  const patch = patchRunParamsRequestSchema.safeParse(raw.patch);
  if (sections.length === 0 && !title) return null;
  return {
    ...(title ? { title } : {}),
    sections,
    ...(raw.patch !== undefined && patch.success ? { patch: patch.data } : {}),
  };
}

/**
 * A lesson in whatever reasonable shape the gallery sends: `{ steps: [...] }`, a bare array of
 * steps, or text; each step a string or an object of labelled parts (`look`, `change`, `see`,
 * `why`, …). Unknown keys are shown with their own name rather than dropped.
 */
export function parseLesson(raw: unknown): Lesson {
  if (typeof raw === 'string') return { steps: [{ sections: [{ label: '', text: raw }] }] };
  const list = Array.isArray(raw) ? raw : isRecord(raw) && Array.isArray(raw.steps) ? raw.steps : [];
  const intro = isRecord(raw) ? text(raw.intro) || text(raw.summary) || text(raw.goal) : '';
  const steps = list.map(parseStep).filter((s): s is LessonStep => s !== null);
  return { ...(intro ? { intro } : {}), steps };
}

/** The gallery response, keeping only examples whose graph is a valid document. */
export function parseExamples(raw: unknown): Example[] {
  const list = isRecord(raw) && Array.isArray(raw.examples) ? raw.examples : [];
  const out: Example[] = [];
  for (const e of list) {
    if (!isRecord(e) || typeof e.id !== 'string') continue;
    const graph = graphSchema.safeParse(e.graph);
    if (!graph.success) continue;
    out.push({
      id: e.id,
      title: text(e.title) || e.id,
      summary: text(e.summary),
      lesson: parseLesson(e.lesson),
      ...(typeof e.replaySpeed === 'number' && e.replaySpeed >= 0.1 && e.replaySpeed <= 1
        ? { replaySpeed: e.replaySpeed }
        : {}),
      graph: graph.data,
    });
  }
  return out;
}
