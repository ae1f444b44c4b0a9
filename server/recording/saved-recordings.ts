/**
 * Saved recordings (issue 17): a run's recording with its graph, stored immutably under a slug
 * (`POST /api/runs/:runId/recording`), or an exported file brought back (`POST /api/recordings`).
 * Read through the same small cache of decoded recordings as ended runs' files.
 */
import type { Issue } from '../../shared/compiler/issue.js';
import { parseDocument } from '../../shared/compiler/parse-document.js';
import { type RecordingFile, recordingEventSchema } from '../../shared/protocol/recording-file.js';
import { Recording } from '../../shared/recorder/recording.js';
import { RecordingDataError } from '../../shared/recorder/recording-data.js';
import { timelineOf } from '../../shared/recorder/timeline.js';
import type { Limits } from '../config.js';
import { HttpError } from '../http/api-error.js';
import { checkImportLimits } from '../http/import-limits.js';
import type { RecordingStore, SavedRecording } from '../store/recording-store.js';
import type { DecodedCache } from './decoded-cache.js';
import type { RecordingView } from './run-recordings.js';

export interface SavedView extends RecordingView {
  slug: string;
  createdAt: string;
}

const MB = 1024 * 1024;

export class SavedRecordings {
  constructor(
    private readonly store: RecordingStore,
    private readonly cache: DecodedCache<RecordingView>,
    private readonly limits: Limits,
  ) {}

  get maxBytes(): number {
    return this.limits.maxRecordingMb * MB;
  }

  /** Saves a snapshot of a recording (it may still be growing): 413 past SLUICE_MAX_RECORDING_MB. */
  async save(view: RecordingView): Promise<string> {
    this.checkSize(view.rec);
    const saved = await this.store.save({
      name: view.name,
      graph: view.graph,
      hz: view.hz,
      timeline: [...view.timeline],
      data: view.rec.toData(),
    });
    return saved.slug;
  }

  /** An exported file, untrusted: every part checked (400 naming the field), then saved. */
  async import(file: RecordingFile): Promise<string> {
    const graph = this.checkGraph(file.graph);
    let rec: Recording;
    try {
      rec = Recording.fromData(file.recording, { maxBytes: this.maxBytes });
    } catch (err) {
      if (!(err instanceof RecordingDataError)) throw err;
      const issues = err.issues.map((i) => ({ ...i, path: `recording.${i.path}` }));
      throw new HttpError(
        400,
        'invalid_recording',
        `the recording is not valid: ${issues[0]?.path}: ${issues[0]?.message}`,
        issues,
      );
    }
    const events = rec.eventsBetween(Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY);
    events.forEach((e, i) => {
      const parsed = recordingEventSchema.safeParse(e);
      if (!parsed.success) {
        const path = `recording.events.${i}`;
        const message = `not a status or edit event: ${parsed.error.issues[0]?.message ?? 'invalid'}`;
        throw new HttpError(400, 'invalid_recording', `${path}: ${message}`, [{ path, message }]);
      }
    });
    this.checkSize(rec);
    const saved = await this.store.save({
      name: file.name,
      graph,
      hz: file.hz,
      timeline: timelineOf(rec),
      data: rec.toData(),
    });
    return saved.slug;
  }

  /** The saved recording, decoded (at most a couple are kept so); undefined for an unknown slug. */
  view(slug: string): Promise<SavedView | undefined> {
    const key = `slug:${slug}`;
    return this.cache.get(key, async () => {
      const saved = await this.store.find(slug);
      return saved && this.decode(saved);
    }) as Promise<SavedView | undefined>;
  }

  private decode(saved: SavedRecording): SavedView {
    return {
      rec: Recording.fromData(saved.data, { maxBytes: this.maxBytes }),
      timeline: saved.timeline,
      hz: saved.hz,
      ended: true,
      name: saved.name,
      graph: saved.graph,
      slug: saved.slug,
      createdAt: saved.createdAt,
    };
  }

  private checkSize(rec: Recording): void {
    if (rec.byteSize <= this.maxBytes) return;
    const mb = (rec.byteSize / MB).toFixed(1);
    throw new HttpError(
      413,
      'too_large',
      `the recording is ${mb} MB; the limit maxRecordingMb (SLUICE_MAX_RECORDING_MB) is ${this.limits.maxRecordingMb} MB`,
    );
  }

  /** The graph as any imported graph is checked (limits, poison keys, schema); 400 under `graph.`. */
  private checkGraph(graph: unknown): unknown {
    const prefixed = (issues: Issue[]) => issues.map((i) => ({ ...i, path: `graph.${i.path}` }));
    const { overLimit, invalid } = checkImportLimits(graph, this.limits);
    if (overLimit.length > 0)
      throw new HttpError(400, 'limit_exceeded', overLimit[0]!.message, prefixed(overLimit));
    if (invalid.length > 0) throw new HttpError(400, 'invalid_graph', invalid[0]!.message, prefixed(invalid));
    const parsed = parseDocument(graph);
    if (!parsed.ok) {
      const issues = prefixed(parsed.issues);
      throw new HttpError(
        400,
        'invalid_graph',
        `the graph is not valid: ${issues[0]?.path}: ${issues[0]?.message}`,
        issues,
      );
    }
    return parsed.value;
  }
}
