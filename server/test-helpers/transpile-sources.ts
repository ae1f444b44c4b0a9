import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** Every source file a server, runner or CLI process may load: server/ and shared/, no tests. */
function sources(dir: string, out: string[] = []): string[] {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'test-helpers' && entry.name !== 'node_modules') sources(full, out);
    } else if (
      entry.name.endsWith('.ts') &&
      !entry.name.endsWith('.test.ts') &&
      !entry.name.endsWith('.d.ts')
    ) {
      out.push(full);
    }
  }
  return out;
}

/**
 * Vitest global setup: transpiles server/ and shared/ file by file (esbuild, as tsx does, layout
 * kept) once per test session, for the real server, runner and CLI processes tests start. Under
 * `node --import tsx` each of those spent ≈1.6 s more CPU starting (tsx's loader hooks, and tsx
 * again in every run's worker thread) — the durability test alone starts 36 servers. Node runs
 * the output directly: the same code, and worker threads load their .js entries as in production.
 */
export default async function transpileSources(): Promise<() => void> {
  const outdir = path.join(root, '.scratch', `test-build-${process.pid}`);
  rmSync(outdir, { recursive: true, force: true });
  mkdirSync(outdir, { recursive: true });
  await build({
    entryPoints: [...sources(path.join(root, 'server')), ...sources(path.join(root, 'shared'))],
    outdir,
    outbase: root,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    logLevel: 'warning',
  });
  process.env.SLUICE_TEST_BUILD = outdir;
  return () => rmSync(outdir, { recursive: true, force: true });
}
