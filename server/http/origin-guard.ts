import type { IncomingMessage } from 'node:http';
import type { RequestHandler } from 'express';
import { sendError } from './api-error.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * A request is same-origin when its Origin names the host it was sent to. No Origin at all means
 * no browser made it cross-origin (curl, scripts, the CLI): CSRF needs a browser, so it passes.
 * `Origin: null` (sandboxed frames, file://) never matches.
 */
export function originAllowed(req: IncomingMessage, allowed: readonly string[]): boolean {
  const origin = req.headers.origin;
  if (origin === undefined) return true;
  if (allowed.includes(origin)) return true;
  try {
    return new URL(origin).host === req.headers.host;
  } catch {
    return false;
  }
}

/**
 * Cross-origin writes are refused with 403 unless the origin is listed (SLUICE_ALLOWED_ORIGINS).
 * Listed origins also get CORS headers so their pages can read responses and send preflighted
 * requests (PUT with Authorization, PATCH).
 */
export function originGuard(allowed: readonly string[]): RequestHandler {
  return (req, res, next) => {
    const origin = req.headers.origin;
    if (origin !== undefined && allowed.includes(origin)) {
      res.setHeader('Access-Control-Allow-Origin', origin);
      res.setHeader('Vary', 'Origin');
      if (req.method === 'OPTIONS') {
        res.setHeader('Access-Control-Allow-Methods', 'GET, POST, PUT, PATCH');
        res.setHeader('Access-Control-Allow-Headers', 'Content-Type, Authorization, X-Request-Id');
        res.setHeader('Access-Control-Max-Age', '600');
        res.status(204).end();
        return;
      }
    }
    if (SAFE_METHODS.has(req.method) || originAllowed(req, allowed)) return next();
    sendError(res, 403, {
      error: 'forbidden_origin',
      message: `requests from ${String(origin).slice(0, 100)} may not change anything here (SLUICE_ALLOWED_ORIGINS)`,
    });
  };
}
