import path from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { precompressDir } from './server/static/precompress.js';

const outDir = '../dist/client';
const here = path.dirname(fileURLToPath(import.meta.url));

/**
 * The browser's copy of the expression language takes re2js on demand: shared/expr's
 * regex-engine.ts (a static import of re2js, as the server wants it) is swapped for
 * client/src/lib/regex-engine-lazy.ts, whose engine is fetched on the first `~=`.
 */
function lazyRegexEngine(): Plugin {
  const shared = path.join(here, 'shared/expr/regex-engine.ts');
  const lazy = path.join(here, 'client/src/lib/regex-engine-lazy.ts');
  return {
    name: 'sluice-lazy-regex-engine',
    enforce: 'pre',
    async resolveId(source, importer, options) {
      if (!importer || !source.endsWith('/regex-engine.js')) return null;
      const resolved = await this.resolve(source, importer, { ...options, skipSelf: true });
      return resolved?.id === shared ? lazy : null;
    },
  };
}

/** `.br` and `.gz` beside each built file, sent by the server in place of it (static-files.ts). */
function precompress(): Plugin {
  let dir = '';
  return {
    name: 'sluice-precompress',
    apply: 'build',
    configResolved(config) {
      dir = path.resolve(config.root, config.build.outDir);
    },
    closeBundle: {
      order: 'post',
      sequential: true,
      async handler() {
        const s = await precompressDir(dir);
        const kB = (n: number) => `${(n / 1e3).toFixed(1)} kB`;
        this.info(
          `precompressed ${s.files} files: ${kB(s.bytes)} → br ${kB(s.brBytes)}, gzip ${kB(s.gzBytes)}`,
        );
      },
    },
  };
}

export default defineConfig({
  root: 'client',
  plugins: [lazyRegexEngine(), react(), precompress()],
  build: {
    outDir,
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
    rollupOptions: {
      output: {
        // re2js's entry file is build.js: name its chunk after the package, not "build-<hash>.js".
        chunkFileNames: (chunk) =>
          chunk.moduleIds.some((id) => id.includes('/node_modules/re2js/'))
            ? 'assets/re2js-[hash].js'
            : 'assets/[name]-[hash].js',
      },
    },
  },
  server: { host: '127.0.0.1' },
});
