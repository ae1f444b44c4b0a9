import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pino from 'pino';
import { createApp } from './app.js';
import { limitsFromEnv } from './config.js';

const logger = pino({ level: process.env.LOG_LEVEL ?? 'info' });
const here = path.dirname(fileURLToPath(import.meta.url));
const dev = process.argv.includes('--dev');
const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? '127.0.0.1';
const dataDir = path.resolve(process.env.DATA_DIR ?? './data');
mkdirSync(dataDir, { recursive: true });

async function devMiddleware() {
  // Vite only in development: production serves the prebuilt client from dist/client.
  const { createServer } = await import('vite');
  const vite = await createServer({ server: { middlewareMode: true }, appType: 'spa' });
  return vite.middlewares;
}

const built = createApp({
  limits: limitsFromEnv(),
  // dist/server/server/main.js → dist/client
  staticDir: dev ? undefined : path.resolve(here, '../../client'),
  devMiddleware: dev ? await devMiddleware() : undefined,
  log: (level, msg, err) => logger[level]({ err }, msg),
});

built.httpServer.listen(port, host, () => {
  logger.info({ url: `http://${host}:${port}`, dataDir, dev }, 'Sluice is listening');
});

let closing = false;
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => {
    if (closing) return;
    closing = true;
    logger.info({ signal }, 'shutting down: stopping runs');
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    built.close().then(
      () => process.exit(0),
      (err) => {
        logger.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  });
}
