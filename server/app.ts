import { existsSync } from 'node:fs';
import { createServer, type Server as HttpServer } from 'node:http';
import path from 'node:path';
import express, { type Express } from 'express';
import helmet from 'helmet';
import { Server } from 'socket.io';
import type { ClientToServerEvents, ServerToClientEvents } from '../shared/protocol/socket-events.js';
import type { Limits } from './config.js';
import { errorHandler } from './http/api-error.js';
import { apiRoutes } from './http/routes.js';
import { RunManager } from './runs/run-manager.js';
import type { Clock } from './runtime/clock.js';
import { attachTelemetryGateway } from './socket/telemetry-gateway.js';

export interface AppDeps {
  limits: Limits;
  clock?: Clock;
  /** Built client to serve (dist/client); omitted in API-only tests. */
  staticDir?: string;
  /** Extra middleware mounted before the SPA fallback (Vite's, in development). */
  devMiddleware?: express.RequestHandler;
  log?: (level: 'info' | 'error', msg: string, err?: unknown) => void;
}

export interface App {
  app: Express;
  httpServer: HttpServer;
  io: Server<ClientToServerEvents, ServerToClientEvents>;
  runs: RunManager;
  /** Stops every run and closes sockets and the HTTP server. */
  close(): Promise<void>;
}

/**
 * Builds the whole server from its dependencies; `main.ts` only wires real ones, tests start it on
 * port 0.
 *
 * @example
 * const { httpServer } = createApp({ limits: DEFAULT_LIMITS });
 * httpServer.listen(0, '127.0.0.1');
 */
export function createApp(deps: AppDeps): App {
  const log = deps.log ?? (() => {});
  const app = express();
  app.disable('x-powered-by');
  app.use(
    helmet({
      contentSecurityPolicy: deps.devMiddleware
        ? false
        : {
            directives: {
              defaultSrc: ["'self'"],
              scriptSrc: ["'self'"],
              styleSrc: ["'self'", "'unsafe-inline'"],
              imgSrc: ["'self'", 'data:', 'blob:'],
              connectSrc: ["'self'", 'ws:', 'wss:'],
            },
          },
    }),
  );
  app.use('/api', express.json({ limit: deps.limits.maxBodyBytes }));
  const runs = new RunManager(deps.limits, deps.clock);
  app.use('/api', apiRoutes(runs));

  if (deps.devMiddleware) app.use(deps.devMiddleware);
  if (deps.staticDir && existsSync(deps.staticDir)) {
    const staticDir = deps.staticDir;
    app.use(express.static(staticDir, { index: false, maxAge: '1h' }));
    // Client-side routes (/, /g/<slug>) all load the editor.
    app.get(/^\/(?!api\/|socket\.io\/).*/, (_req, res) => {
      res.setHeader('Cache-Control', 'no-cache');
      res.sendFile(path.join(staticDir, 'index.html'));
    });
  }
  app.use(errorHandler((err) => log('error', 'unhandled request error', err)));

  const httpServer = createServer(app);
  const io = new Server<ClientToServerEvents, ServerToClientEvents>(httpServer, {
    serveClient: false,
    maxHttpBufferSize: 64 * 1024,
  });
  attachTelemetryGateway(io, runs, deps.limits);

  return {
    app,
    httpServer,
    io,
    runs,
    async close() {
      await runs.stopAll();
      await new Promise<void>((resolve) => io.close(() => resolve()));
      if (httpServer.listening) await new Promise<void>((resolve) => httpServer.close(() => resolve()));
    },
  };
}
