import type { RequestHandler } from 'express';
import { nanoid } from 'nanoid';
import type { Logger } from 'pino';

/** A caller's id is echoed only when it is short and plain, so it cannot inject into logs. */
const SAFE_REQUEST_ID = /^[A-Za-z0-9_.:-]{1,64}$/;

/** Run tokens may ride in the query (`?token=` on file downloads, so a plain link works): never log them. */
const TOKEN_IN_QUERY = /([?&]token=)[^&#]*/gi;

/**
 * Gives every request an id (`x-request-id`, the caller's or a new one), echoes it on the
 * response, and logs one line when the response is done. Never logs bodies or headers: the
 * Authorization header carries edit tokens.
 */
export function requestLog(
  logger: Logger,
  onDone?: (method: string, status: number) => void,
): RequestHandler {
  return (req, res, next) => {
    const given = req.get('x-request-id');
    const reqId = given !== undefined && SAFE_REQUEST_ID.test(given) ? given : nanoid(12);
    res.setHeader('x-request-id', reqId);
    res.locals.reqId = reqId;
    const started = performance.now();
    res.once('close', () => {
      const entry = {
        reqId,
        method: req.method,
        url: req.originalUrl.replace(TOKEN_IN_QUERY, '$1[redacted]').slice(0, 300),
        status: res.statusCode,
        ms: Math.round((performance.now() - started) * 10) / 10,
        ...(res.writableFinished ? {} : { aborted: true }),
      };
      if (res.statusCode >= 500) logger.error(entry, 'request failed');
      else logger.info(entry, 'request');
      onDone?.(req.method, res.statusCode);
    });
    next();
  };
}
