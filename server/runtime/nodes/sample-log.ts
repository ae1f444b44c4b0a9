import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * Where the bundled sample log may be, relative to this module: next to the sources when running
 * them (tsx, tests, the run's worker thread), and back in the repository when running the build
 * (`dist/server/server/runtime/nodes/` → `server/runtime/data/`; tsc does not copy data files).
 * Resolved from `import.meta.url`, never the working directory, so it works from anywhere.
 */
export function sampleLogCandidates(moduleUrl: string = import.meta.url): string[] {
  return [
    fileURLToPath(new URL('../data/sample.log', moduleUrl)),
    fileURLToPath(new URL('../../../../../server/runtime/data/sample.log', moduleUrl)),
  ];
}

let cached: readonly string[] | undefined;

/** The sample log's lines, read once per thread (a run's worker thread reads it at most once). */
export function sampleLogLines(): readonly string[] {
  if (cached) return cached;
  const candidates = sampleLogCandidates();
  const path = candidates.find((p) => existsSync(p));
  if (!path) throw new Error(`the bundled sample log is missing (looked in ${candidates.join(', ')})`);
  const lines = readFileSync(path, 'utf8').split('\n');
  if (lines.at(-1) === '') lines.pop();
  cached = lines;
  return lines;
}
