/** The encodings the server keeps precompressed copies in, best first. */
export type StoredEncoding = 'br' | 'gzip';

/**
 * Which stored copy to send for a request's Accept-Encoding: the best of `available` the
 * client accepts (q > 0), else `identity`. Our preference decides among accepted encodings,
 * not the header's order: Chromium sends `gzip, deflate, br, zstd`, and br is ~15 % smaller.
 * Express's `req.acceptsEncodings` would pick gzip there (it keeps the header's order).
 *
 * @example pickEncoding('gzip, deflate, br', ['br', 'gzip']) // 'br'
 * @example pickEncoding('br;q=0, *', ['br', 'gzip']) // 'gzip'
 * @example pickEncoding(undefined, ['br', 'gzip']) // 'identity'
 */
export function pickEncoding(
  header: string | undefined,
  available: readonly StoredEncoding[],
): StoredEncoding | 'identity' {
  if (!header) return 'identity';
  const q = new Map<string, number>();
  for (const part of header.split(',')) {
    const [name = '', ...params] = part.split(';').map((s) => s.trim().toLowerCase());
    if (name === '') continue;
    const qParam = params.find((p) => p.startsWith('q='));
    const value = qParam === undefined ? 1 : Number(qParam.slice(2));
    q.set(name, Number.isFinite(value) ? value : 0);
  }
  const star = q.get('*');
  for (const enc of available) {
    const weight = q.get(enc) ?? (enc === 'gzip' ? q.get('x-gzip') : undefined) ?? star ?? 0;
    if (weight > 0) return enc;
  }
  return 'identity';
}
