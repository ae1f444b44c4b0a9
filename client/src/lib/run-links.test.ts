import { describe, expect, it } from 'vitest';
import { curlExample } from './curl-example.js';
import { parseRoute, watchUrl } from './route.js';

describe('watch links', () => {
  it('carry the watch token in the fragment, which browsers never send to the server', () => {
    const url = new URL(watchUrl('run_1', 'tok/en+', 'https://sluice.example'));
    expect(url.pathname).toBe('/watch/run_1');
    expect(decodeURIComponent(url.hash.slice(1))).toBe('tok/en+');
    expect(url.search).toBe('');
  });

  it('route to the watch page; other paths keep their routes', () => {
    expect(parseRoute('/watch/run_1')).toEqual({ type: 'watch', runId: 'run_1' });
    expect(parseRoute('/watch/')).toEqual({ type: 'editor' });
    expect(parseRoute('/watch/a/b')).toEqual({ type: 'editor' });
    expect(parseRoute('/g/abc')).toEqual({ type: 'graph', slug: 'abc' });
  });
});

describe('the ingest curl example', () => {
  it('sends the key as a bearer header and quotes what the shell would read', () => {
    const line = curlExample("http://h/api/runs/r/ingest/it's", 'K3y');
    expect(line).toContain("-H 'Authorization: Bearer K3y'");
    expect(line).toContain(`'http://h/api/runs/r/ingest/it'\\''s'`);
  });

  it('has no Authorization header when the owner has no key to show', () => {
    expect(curlExample('http://h/x', undefined)).not.toContain('Authorization');
  });
});
