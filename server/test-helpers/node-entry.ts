import { existsSync } from 'node:fs';
import path from 'node:path';

/**
 * `node` arguments that run one of the app's entry points (`server/main.ts`, `server/cli.ts`,
 * `server/runner/main.ts`): the session's transpiled copy when the global setup made one
 * (transpile-sources.ts), else the TypeScript source through tsx. Spawn with cwd at the repo root.
 *
 * @example
 * spawn(process.execPath, [...nodeEntry('server/cli.ts'), 'run', file], { cwd: root });
 */
export function nodeEntry(entry: string): string[] {
  const built = process.env.SLUICE_TEST_BUILD;
  if (built) {
    const js = path.join(built, entry.replace(/\.ts$/, '.js'));
    if (existsSync(js)) return [js];
  }
  return ['--import', 'tsx', entry];
}
