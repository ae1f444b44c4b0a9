import type { IncomingMessage } from 'node:http';
import { POISON_KEYS } from '../../shared/graph/poison-keys.js';
import type { Item } from '../runtime/node-behavior.js';
import { HttpError } from './api-error.js';

export type IngestFormat = 'json' | 'ndjson';

/** `application/json` (and `+json`) or NDJSON (`application/x-ndjson`, `application/jsonl`); else undefined. */
export function ingestFormat(contentType: string | undefined): IngestFormat | undefined {
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  if (type === 'application/json' || /^application\/[\w.+-]+\+json$/.test(type)) return 'json';
  if (type === 'application/x-ndjson' || type === 'application/jsonl' || type === 'application/x-jsonlines')
    return 'ndjson';
  return undefined;
}

/**
 * Reads a request body of at most `limit` bytes. A declared Content-Length over the limit is
 * refused before reading; a body that grows past it stops being kept at once (Node discards the
 * rest when the response ends), so memory never holds more than `limit`.
 */
export function readBody(req: IncomingMessage, limit: number, limitName: string): Promise<Buffer> {
  const tooLarge = () =>
    new HttpError(413, 'too_large', `request body exceeds ${limitName} of ${limit} bytes`);
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) return Promise.reject(tooLarge());
  return new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        cleanup();
        req.resume();
        reject(tooLarge());
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => {
      cleanup();
      resolve(Buffer.concat(chunks, size));
    };
    const onError = (err: Error) => {
      cleanup();
      reject(new HttpError(400, 'bad_request', `request body could not be read: ${err.message}`));
    };
    const cleanup = () => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
  });
}

/**
 * Items from a JSON body (an object, or an array of objects) or NDJSON (one object per line,
 * blank lines skipped). Every item must be a plain object, nested at most `maxDepth` deep,
 * without keys that could reach a prototype downstream. Errors are 400s that say where.
 */
export function parseItems(body: string, format: IngestFormat, maxDepth: number): Item[] {
  const items: Item[] = [];
  if (format === 'json') {
    const value = parseJson(body, 'the body');
    const list = Array.isArray(value) ? value : [value];
    list.forEach((v, i) => {
      items.push(checkItem(v, Array.isArray(value) ? `item ${i}` : 'the body', maxDepth));
    });
    return items;
  }
  const lines = body.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (line === '') continue;
    items.push(checkItem(parseJson(line, `line ${i + 1}`), `line ${i + 1}`, maxDepth));
  }
  return items;
}

function parseJson(text: string, where: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new HttpError(400, 'invalid_json', `${where} is not valid JSON`);
  }
}

function checkItem(value: unknown, where: string, maxDepth: number): Item {
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    throw new HttpError(400, 'invalid_items', `${where} is not a JSON object (items are objects)`);
  // Iterative, so a deeply nested item cannot overflow the stack here or in structured clone later.
  const stack: Array<[unknown, number]> = [[value, 1]];
  while (stack.length > 0) {
    const [v, depth] = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    if (depth > maxDepth)
      throw new HttpError(
        400,
        'limit_exceeded',
        `${where} is nested deeper than ${maxDepth} (SLUICE_MAX_NESTING_DEPTH)`,
      );
    for (const key of Object.keys(v)) {
      if (POISON_KEYS.has(key))
        throw new HttpError(400, 'invalid_items', `${where} uses the forbidden key "${key}"`);
      stack.push([(v as Record<string, unknown>)[key], depth + 1]);
    }
  }
  return value as Item;
}
