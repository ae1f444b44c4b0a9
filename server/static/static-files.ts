import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { pickEncoding, type StoredEncoding } from './accept-encoding.js';

/** Vite names every file under /assets/ by its content hash: a new build means a new name. */
const HASHED_DIR = '/assets/';
const IMMUTABLE = 'public, max-age=31536000, immutable';
/** Other files (none today but index.html) may change in place; HTML is checked on every load. */
const SHORT = 'public, max-age=3600';

export interface StaticFiles {
  /** Serves a file of the built client (GET/HEAD), else passes the request on. */
  files: RequestHandler;
  /** Sends index.html: the editor's client-side routes (/, /g/<slug>, /r/<slug>, /watch/<id>). */
  index: RequestHandler;
}

/**
 * The built client, compressed: each text file is sent as its precompressed `.br` or `.gz`
 * copy (`precompress.ts`, written at build time) when the request accepts that encoding, with
 * `Content-Encoding`, the original's `Content-Type` and `Vary: Accept-Encoding`; else as it is.
 * Hashed assets are cached for good (`immutable`); index.html is revalidated on every load so
 * a new build is picked up at once. A missing /assets/ file is a 404, not the editor's page:
 * a tab still open from an older build then fails its `import()` plainly instead of parsing HTML.
 */
export function staticFiles(dir: string): StaticFiles {
  const root = path.resolve(dir);
  // A built file and its copies do not change while the server runs: what is on disk for each
  // file served is read once, not with three stat() calls per request. Only files found are kept,
  // so the map is bounded by the build, whatever URLs are asked for.
  const found = new Map<string, StoredEncoding[]>();
  const encodingsOf = async (abs: string): Promise<StoredEncoding[] | undefined> => {
    const known = found.get(abs);
    if (known) return known;
    if (!(await isFile(abs))) return undefined;
    const [br, gz] = await Promise.all([isFile(`${abs}.br`), isFile(`${abs}.gz`)]);
    const available: StoredEncoding[] = [];
    if (br) available.push('br');
    if (gz) available.push('gzip');
    found.set(abs, available);
    return available;
  };

  const send = async (req: Request, res: Response, next: NextFunction, rel: string) => {
    const abs = path.join(root, rel);
    // The compressed copies are only ever sent in place of their original.
    const copy = rel.endsWith('.br') || rel.endsWith('.gz');
    const available = copy || !abs.startsWith(root + path.sep) ? undefined : await encodingsOf(abs);
    if (!available) {
      if (rel.startsWith(HASHED_DIR)) res.status(404).type('text/plain').send('Not found');
      else next();
      return;
    }
    if (available.length > 0) res.vary('Accept-Encoding');
    const encoding = pickEncoding(req.get('accept-encoding'), available);
    // The type of what the bytes decode to; `send` keeps a Content-Type already set.
    res.type(path.extname(rel));
    res.setHeader(
      'Cache-Control',
      rel.startsWith(HASHED_DIR) ? IMMUTABLE : rel.endsWith('.html') ? 'no-cache' : SHORT,
    );
    let sent = rel;
    if (encoding !== 'identity') {
      res.setHeader('Content-Encoding', encoding);
      sent = `${rel}.${encoding === 'br' ? 'br' : 'gz'}`;
    }
    // `root` makes `send` refuse traversal and judge dotfiles only below it.
    res.sendFile(sent, { root, cacheControl: false }, (err) => {
      if (err && !res.headersSent) next(err);
    });
  };

  return {
    files: (req, res, next) => {
      if (req.method !== 'GET' && req.method !== 'HEAD') return next();
      let rel: string;
      try {
        rel = decodeURIComponent(req.path);
      } catch {
        return next(); // malformed escapes: not one of our files
      }
      if (rel.includes('\0')) return next();
      send(req, res, next, rel).catch(next);
    },
    index: (req, res, next) => {
      send(req, res, next, '/index.html').catch(next);
    },
  };
}

async function isFile(file: string): Promise<boolean> {
  try {
    return (await stat(file)).isFile();
  } catch {
    return false;
  }
}
