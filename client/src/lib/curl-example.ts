/** A shell-safe single-quoted string. */
const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

/**
 * The curl line that posts one item to an `http-ingest` node, with its key when there is one.
 *
 * @example curlExample('http://h/api/runs/r/ingest/n', 'k')
 * // curl -X POST 'http://h/api/runs/r/ingest/n' \
 * //   -H 'Authorization: Bearer k' \
 * //   -H 'Content-Type: application/json' \
 * //   -d '{"value": 1}'
 */
export function curlExample(url: string, key: string | undefined): string {
  const auth = key ? ` \\\n  -H ${quote(`Authorization: Bearer ${key}`)}` : '';
  return `curl -X POST ${quote(url)}${auth} \\\n  -H 'Content-Type: application/json' \\\n  -d '{"value": 1}'`;
}
