import { createInbox, type NatsConnection } from '@nats-io/transport-node';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { ForwardedHttp, HttpReply } from '../../shared/protocol/instances.js';
import { HttpError } from '../http/api-error.js';
import { rpcRequest } from './rpc.js';

/** Set on a request an instance replays for another: never forwarded again (the loop guard). */
export const FORWARDED_HEADER = 'x-sluice-forwarded';
/** A response body bigger than this is not carried between instances (413 naming it). */
export const MAX_FORWARDED_BODY_BYTES = 32 * 1024 * 1024;
/** Request headers that matter to the routes; cookies and the rest stay behind. */
const REQUEST_HEADERS = ['authorization', 'content-type', 'content-encoding', 'accept'];
/** Response headers carried back. */
const RESPONSE_HEADERS = ['content-type', 'content-disposition', 'retry-after', 'cache-control', 'location'];
/** Room left in a NATS message for the JSON around a base64 chunk. */
const ENVELOPE_BYTES = 8 * 1024;
const CHUNK_WAIT_MS = 10_000;

/** Raw bytes of a chunk that fits a NATS message once base64-encoded. */
export function chunkBytes(maxPayload: number): number {
  return Math.max(1024, Math.floor(((maxPayload - ENVELOPE_BYTES) * 3) / 4));
}

export interface ForwardTarget {
  /** The instance coordinating the run, or undefined to serve it here. */
  coordinatorOf(runId: string): Promise<string | undefined>;
  /** The coordinator did not answer: why, for the 503 (and the registry updated if it is dead). */
  coordinatorGone(runId: string, instance: string, why: 'no_responders' | 'timeout'): Promise<string>;
}

/**
 * Requests about a run this instance does not have go to the instance coordinating it
 * (docs/instances.md): method, path, the headers that matter and the body, over NATS
 * request/reply; its answer comes back as it was (status, headers, body in chunks). Mounted
 * first under `/api`, before any body parser: ingest bodies are forwarded as they came.
 */
export function forwardRuns(
  nc: NatsConnection,
  target: ForwardTarget,
  options: { timeoutMs?: number } = {},
): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    if (req.headers[FORWARDED_HEADER] !== undefined) return next();
    const m = /^\/runs\/([^/]+)(?:\/|$)/.exec(req.path);
    if (!m) return next();
    let runId: string;
    try {
      runId = decodeURIComponent(m[1]!);
    } catch {
      return next();
    }
    void target
      .coordinatorOf(runId)
      .then(async (instance) => {
        if (instance === undefined) return next();
        await forward(nc, req, res, runId, instance, target, options.timeoutMs);
      })
      .catch(next);
  };
}

async function forward(
  nc: NatsConnection,
  req: Request,
  res: Response,
  runId: string,
  instance: string,
  target: ForwardTarget,
  timeoutMs?: number,
): Promise<void> {
  const maxBody = chunkBytes(nc.info?.max_payload ?? 1024 * 1024);
  const body = await readBody(req, maxBody);
  const headers: Record<string, string> = {};
  for (const h of REQUEST_HEADERS) {
    const v = req.headers[h];
    if (typeof v === 'string') headers[h] = v;
  }
  const more = createInbox();
  const message: ForwardedHttp = { op: 'http', method: req.method, url: req.originalUrl, headers, more };
  if (body.length > 0) message.body = body.toString('base64');
  // Subscribed before asking: chunks 2…n may follow the reply immediately.
  const rest = nc.subscribe(more, { max: 100_000 });
  try {
    let reply: Awaited<ReturnType<typeof rpcRequest<HttpReply>>>;
    try {
      reply = await rpcRequest<HttpReply>(nc, instance, message, timeoutMs);
    } catch (err) {
      // NATS closed or draining under us: the instance cannot reach the coordinator right now.
      throw unreachable(runId, err);
    }
    if (!reply.ok) {
      const reason = await target.coordinatorGone(runId, instance, reply.why);
      throw new HttpError(
        503,
        reply.why === 'timeout' ? 'coordinator_timeout' : 'coordinator_gone',
        reason,
        undefined,
        {
          'Retry-After': '5',
        },
      );
    }
    const first = reply.value;
    // A coordinator whose replay failed answers an error record, not an HTTP reply: say so, never 500.
    if (!isHttpReply(first)) throw unreachable(runId, (first as { message?: unknown })?.message);
    const parts = [Buffer.from(first.body, 'base64')];
    if (first.chunks > 1) {
      const iter = rest[Symbol.asyncIterator]();
      for (let i = 1; i < first.chunks; i++) {
        const next = await Promise.race([
          iter.next(),
          new Promise<null>((resolve) => setTimeout(() => resolve(null), CHUNK_WAIT_MS).unref()),
        ]);
        if (next === null || next.done)
          throw new HttpError(
            503,
            'coordinator_timeout',
            `the instance coordinating run "${runId}" stopped sending its answer`,
          );
        parts.push(Buffer.from(next.value.data));
      }
    }
    for (const [k, v] of Object.entries(first.headers))
      if (RESPONSE_HEADERS.includes(k.toLowerCase())) res.setHeader(k, v);
    res.status(first.status).end(Buffer.concat(parts));
  } finally {
    rest.unsubscribe();
  }
}

function isHttpReply(v: unknown): v is HttpReply {
  const r = v as HttpReply | null;
  return (
    typeof r === 'object' &&
    r !== null &&
    Number.isInteger(r.status) &&
    r.status >= 100 &&
    r.status < 600 &&
    typeof r.body === 'string' &&
    Number.isInteger(r.chunks) &&
    r.chunks >= 1 &&
    typeof r.headers === 'object' &&
    r.headers !== null
  );
}

function unreachable(runId: string, why: unknown): HttpError {
  const detail = why instanceof Error ? why.message : typeof why === 'string' ? why : 'no usable answer';
  return new HttpError(
    503,
    'coordinator_unavailable',
    `the server instance coordinating run "${runId}" could not answer (${detail}); try again in a few seconds`,
    undefined,
    { 'Retry-After': '5' },
  );
}

/** The request body as it came (gzip and all), refused past what one NATS message carries. */
function readBody(req: Request, max: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > max) {
        req.removeAllListeners('data');
        req.resume();
        reject(
          new HttpError(
            413,
            'too_large',
            `a request body for a run on another server instance may be at most ${max} bytes (NATS max_payload); send smaller batches`,
          ),
        );
        return;
      }
      chunks.push(c);
    });
    req.once('end', () => resolve(Buffer.concat(chunks)));
    req.once('error', reject);
  });
}

/**
 * The coordinator's side: replays a forwarded request on this instance's own HTTP server over
 * loopback (the same routes, guards and errors as a direct request) and splits the answer into
 * chunks: the first goes in the reply, the rest on `more`.
 */
export async function replayHttp(
  nc: NatsConnection,
  baseUrl: string,
  message: ForwardedHttp,
): Promise<HttpReply> {
  if (!message.url.startsWith('/api/'))
    return textReply(400, 'invalid_request', 'only /api/ requests are forwarded');
  const headers: Record<string, string> = { [FORWARDED_HEADER]: '1' };
  for (const h of REQUEST_HEADERS)
    if (typeof message.headers[h] === 'string') headers[h] = message.headers[h]!;
  let res: globalThis.Response;
  try {
    res = await fetch(new URL(message.url, baseUrl), {
      method: message.method,
      headers,
      ...(message.body !== undefined ? { body: Buffer.from(message.body, 'base64') } : {}),
      redirect: 'manual',
    });
  } catch (err) {
    // Our own loopback server did not answer (overloaded, shutting down): a 503 the caller can retry.
    return textReply(
      503,
      'coordinator_unavailable',
      `the instance coordinating this run could not serve it just now (${(err as Error).message}); try again in a few seconds`,
    );
  }
  const declared = Number(res.headers.get('content-length') ?? 0);
  if (declared > MAX_FORWARDED_BODY_BYTES) {
    await res.body?.cancel();
    return tooLarge();
  }
  const parts: Buffer[] = [];
  let size = 0;
  for await (const c of res.body ?? []) {
    size += (c as Uint8Array).length;
    if (size > MAX_FORWARDED_BODY_BYTES) {
      await res.body?.cancel().catch(() => {});
      return tooLarge();
    }
    parts.push(Buffer.from(c as Uint8Array));
  }
  const body = Buffer.concat(parts);
  const out: Record<string, string> = {};
  for (const h of RESPONSE_HEADERS) {
    const v = res.headers.get(h);
    if (v !== null) out[h] = v;
  }
  const size1 = chunkBytes(nc.info?.max_payload ?? 1024 * 1024);
  const chunks = Math.max(1, Math.ceil(body.length / size1));
  for (let i = 1; i < chunks; i++) nc.publish(message.more, body.subarray(i * size1, (i + 1) * size1));
  return { status: res.status, headers: out, body: body.subarray(0, size1).toString('base64'), chunks };
}

function tooLarge(): HttpReply {
  return textReply(
    413,
    'too_large',
    `the answer is over ${MAX_FORWARDED_BODY_BYTES / 1024 / 1024} MB, more than one server instance passes to another; ask the instance coordinating the run directly`,
  );
}

function textReply(status: number, error: string, message: string): HttpReply {
  const body = Buffer.from(JSON.stringify({ error, message }));
  return {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8' },
    body: body.toString('base64'),
    chunks: 1,
  };
}
