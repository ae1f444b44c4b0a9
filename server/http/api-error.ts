import type { ErrorRequestHandler, Request, Response } from 'express';
import type { Issue } from '../../shared/compiler/issue.js';
import type { ApiError } from '../../shared/protocol/api.js';
import { StoreUnavailableError } from '../store/store-errors.js';

/** An expected failure with its HTTP status; the error handler turns it into the JSON body. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly issues?: Issue[],
    /** Response headers that go with the error (e.g. Retry-After on a 429). */
    readonly headers?: Record<string, string>,
  ) {
    super(message);
  }
}

export function sendError(res: Response, status: number, body: ApiError): void {
  res.status(status).json(body);
}

/** Bad input never yields a 500 and no response ever carries a stack trace. */
export function errorHandler(log: (err: unknown, req: Request) => void): ErrorRequestHandler {
  return (err, req, res, _next) => {
    if (res.headersSent) return;
    if (err instanceof HttpError) {
      const body: ApiError = { error: err.code, message: err.message };
      if (err.issues) body.issues = err.issues;
      if (err.status === 401) res.setHeader('WWW-Authenticate', 'Bearer');
      for (const [name, value] of Object.entries(err.headers ?? {})) res.setHeader(name, value);
      return sendError(res, err.status, body);
    }
    if (err instanceof StoreUnavailableError) {
      // The database is down or restarting (Postgres failover, a locked SQLite file): retryable.
      log(err, req);
      res.setHeader('Retry-After', '5');
      return sendError(res, 503, { error: err.code, message: err.message });
    }
    const e = err as { type?: string; status?: number; limit?: number };
    if (e.type === 'entity.too.large') {
      return sendError(res, 413, {
        error: 'too_large',
        message: `request body exceeds the limit maxBodyBytes (SLUICE_MAX_BODY_BYTES) of ${e.limit} bytes`,
      });
    }
    if (e.type === 'entity.parse.failed') {
      return sendError(res, 400, { error: 'invalid_json', message: 'request body is not valid JSON' });
    }
    if (e.type === 'encoding.unsupported' || e.type === 'charset.unsupported') {
      return sendError(res, 415, {
        error: 'unsupported_encoding',
        message: 'unsupported content encoding or charset',
      });
    }
    if (typeof e.status === 'number' && e.status >= 400 && e.status < 500) {
      return sendError(res, e.status, { error: 'bad_request', message: 'the request could not be read' });
    }
    log(err, req);
    sendError(res, 500, { error: 'internal', message: 'internal error' });
  };
}
