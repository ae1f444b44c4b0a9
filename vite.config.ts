import path from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { precompressDir } from './server/static/precompress.js';

const outDir = '../dist/client';

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
  plugins: [react(), precompress()],
  build: { outDir, emptyOutDir: true, chunkSizeWarningLimit: 1500 },
  server: { host: '127.0.0.1' },
});
