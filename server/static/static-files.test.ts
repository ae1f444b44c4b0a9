import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../test-helpers/start-app.js';
import { precompressDir } from './precompress.js';

/** Raw bytes and headers: fetch would ask for and undo the encoding itself. */
function get(url: string, headers: Record<string, string> = {}, method = 'GET') {
  return new Promise<{
    status: number;
    headers: Record<string, string | string[] | undefined>;
    body: Buffer;
  }>((resolve, reject) => {
    const req = request(url, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
      );
    });
    req.on('error', reject);
    req.end();
  });
}

const js = `export const rows = [${Array.from({ length: 400 }, (_, i) => `{ id: ${i}, name: "row ${i}" }`).join(', ')}];\n`;
const css = `.a { color: red; }\n`.repeat(200);
const html = `<!doctype html><title>Sluice</title><!-- ${'padding '.repeat(300)} --><div id="root"></div>`;

let dir: string;
let app: TestApp;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'sluice-static-'));
  mkdirSync(path.join(dir, 'assets'));
  writeFileSync(path.join(dir, 'index.html'), html);
  writeFileSync(path.join(dir, 'assets', 'index-abc123.js'), js);
  writeFileSync(path.join(dir, 'assets', 'index-abc123.css'), css);
  writeFileSync(path.join(dir, 'assets', 'only-gzip-1.js'), js);
  writeFileSync(path.join(dir, 'assets', 'plain-2.js'), js);
  writeFileSync(path.join(dir, 'assets', 'tiny-3.js'), 'export {};\n');
  const summary = await precompressDir(dir);
  expect(summary.files).toBe(5); // index.html and the four big assets; tiny-3.js is under 1 KB
  rmSync(path.join(dir, 'assets', 'only-gzip-1.js.br'));
  rmSync(path.join(dir, 'assets', 'plain-2.js.br'));
  rmSync(path.join(dir, 'assets', 'plain-2.js.gz'));
  app = await startTestApp({}, { staticDir: dir });
});

afterAll(async () => {
  await app?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('precompressed static files', () => {
  it('sends brotli to a browser that accepts it, whatever the header order', async () => {
    const res = await get(`${app.url}/assets/index-abc123.js`, {
      'accept-encoding': 'gzip, deflate, br, zstd',
    });
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(res.headers.vary).toMatch(/accept-encoding/i);
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(Number(res.headers['content-length'])).toBe(res.body.length);
    expect(res.body.length).toBeLessThan(js.length / 3);
    expect(res.body.equals(readFileSync(path.join(dir, 'assets', 'index-abc123.js.br')))).toBe(true);
    expect(brotliDecompressSync(res.body).toString()).toBe(js);
  });

  it('sends gzip when brotli is not accepted', async () => {
    for (const accept of ['gzip', 'br;q=0, gzip;q=0.5', 'x-gzip', 'br;q=0, *']) {
      const res = await get(`${app.url}/assets/index-abc123.css`, { 'accept-encoding': accept });
      expect(res.headers['content-encoding'], accept).toBe('gzip');
      expect(res.headers['content-type']).toBe('text/css; charset=utf-8');
      expect(gunzipSync(res.body).toString()).toBe(css);
    }
  });

  it('sends the file as it is without Accept-Encoding or when nothing stored is accepted', async () => {
    const cases: Array<Record<string, string>> = [
      {},
      { 'accept-encoding': 'identity' },
      { 'accept-encoding': 'br;q=0, gzip;q=0' },
    ];
    for (const headers of cases) {
      const res = await get(`${app.url}/assets/index-abc123.js`, headers);
      expect(res.status).toBe(200);
      expect(res.headers['content-encoding']).toBeUndefined();
      expect(res.headers.vary).toMatch(/accept-encoding/i);
      expect(res.body.toString()).toBe(js);
    }
  });

  it('falls back to gzip when the .br is missing, and to the plain file when both are', async () => {
    const gz = await get(`${app.url}/assets/only-gzip-1.js`, { 'accept-encoding': 'br, gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.body).toString()).toBe(js);
    for (const name of ['plain-2.js', 'tiny-3.js']) {
      const plain = await get(`${app.url}/assets/${name}`, { 'accept-encoding': 'br, gzip' });
      expect(plain.status).toBe(200);
      expect(plain.headers['content-encoding']).toBeUndefined();
      expect(plain.headers.vary).toBeUndefined(); // one representation only
      expect(plain.headers['content-type']).toBe('text/javascript; charset=utf-8');
      expect(plain.body.toString()).toBe(readFileSync(path.join(dir, 'assets', name), 'utf8'));
    }
  });

  it('answers HEAD with the encoded length and no body, and a revalidation with 304', async () => {
    const head = await get(`${app.url}/assets/index-abc123.js`, { 'accept-encoding': 'br' }, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.headers['content-encoding']).toBe('br');
    const brSize = readFileSync(path.join(dir, 'assets', 'index-abc123.js.br')).length;
    expect(Number(head.headers['content-length'])).toBe(brSize);
    expect(head.body.length).toBe(0);
    const etag = String(head.headers.etag);
    const again = await get(`${app.url}/assets/index-abc123.js`, {
      'accept-encoding': 'br',
      'if-none-match': etag,
    });
    expect(again.status).toBe(304);
    // Another representation has another validator: a cached br copy is not reused for gzip.
    const gz = await get(`${app.url}/assets/index-abc123.js`, {
      'accept-encoding': 'gzip',
      'if-none-match': etag,
    });
    expect(gz.status).toBe(200);
  });

  it('serves index.html compressed and revalidated on every client-side route', async () => {
    for (const route of ['/', '/index.html', '/g/abc123', '/r/rec-1', '/watch/run-1', '/anything/else']) {
      const res = await get(`${app.url}${route}`, { 'accept-encoding': 'gzip, deflate, br' });
      expect(res.status, route).toBe(200);
      expect(res.headers['content-type'], route).toBe('text/html; charset=utf-8');
      expect(res.headers['content-encoding'], route).toBe('br');
      expect(res.headers['cache-control'], route).toBe('no-cache');
      expect(brotliDecompressSync(res.body).toString(), route).toBe(html);
    }
    const plain = await get(`${app.url}/g/abc123`);
    expect(plain.body.toString()).toBe(html);
  });

  it('answers 404 for a missing asset, a stored copy asked for by name, or a path out of the directory', async () => {
    for (const p of [
      '/assets/index-gone99.js',
      '/assets/index-abc123.js.br',
      '/assets/index-abc123.js.gz',
      '/assets/..%2f..%2f..%2fetc%2fpasswd',
    ]) {
      const res = await get(`${app.url}${p}`, { 'accept-encoding': 'br, gzip' });
      expect(res.status, p).toBe(404);
      expect(res.body.toString(), p).toBe('Not found');
    }
  });

  it('leaves the API alone', async () => {
    const res = await get(`${app.url}/api/no-such-thing`, { 'accept-encoding': 'br' });
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toMatch(/application\/json/);
  });
});
