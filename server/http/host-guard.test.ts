import type { IncomingMessage } from 'node:http';
import { networkInterfaces } from 'node:os';
import { describe, expect, it } from 'vitest';
import { allowedHostsFromEnv } from '../config.js';
import { type HostPolicyOptions, hostPolicy } from './host-guard.js';

const req = (host: string | undefined) =>
  ({ headers: host === undefined ? {} : { host } }) as IncomingMessage;
const policy = (o: Partial<HostPolicyOptions> = {}) =>
  hostPolicy({
    allowedOrigins: [],
    allowedHosts: [],
    bound: () => ({ address: '127.0.0.1', port: 3000 }),
    ...o,
  });

describe('hostPolicy (DNS rebinding)', () => {
  it('answers loopback names on the bound port only, and refuses any other name', () => {
    const allowed = policy();
    for (const h of ['localhost:3000', '127.0.0.1:3000', '[::1]:3000', 'LOCALHOST:3000'])
      expect(allowed(req(h)), h).toBe(true);
    for (const h of [
      'evil.example:3000',
      'localhost:3001',
      'localhost',
      '127.0.0.2:3000',
      'a@localhost:3000',
    ])
      expect(allowed(req(h)), h).toBe(false);
    expect(allowed(req(undefined))).toBe(true); // no browser sends no Host
  });

  it('allows the configured HOST, and when bound to every interface this machine’s addresses', () => {
    const named = policy({ host: 'sluice-box.local' });
    expect(named(req('sluice-box.local:3000'))).toBe(true);
    const everywhere = policy({ host: '0.0.0.0', bound: () => ({ address: '0.0.0.0', port: 3000 }) });
    expect(everywhere(req('0.0.0.0:3000'))).toBe(true);
    const lan = Object.values(networkInterfaces())
      .flat()
      .find((i) => i && i.family === 'IPv4' && !i.internal);
    if (lan) expect(everywhere(req(`${lan.address}:3000`))).toBe(true);
    expect(everywhere(req('evil.example:3000'))).toBe(false);
    const lanOnly = policy({ host: '10.1.2.3', bound: () => ({ address: '10.1.2.3', port: 3000 }) });
    expect(lanOnly(req('10.1.2.3:3000'))).toBe(true);
    expect(lanOnly(req('10.1.2.4:3000'))).toBe(false);
  });

  it('allows the hosts of listed origins and SLUICE_ALLOWED_HOSTS entries, `*` for any', () => {
    const proxied = policy({
      allowedOrigins: ['https://sluice.example.org', 'http://lab.example:8080'],
      allowedHosts: ['box.lan', 'other.lan:9000'],
    });
    for (const h of [
      'sluice.example.org',
      'sluice.example.org:443',
      'lab.example:8080',
      'box.lan:1',
      'box.lan',
      'other.lan:9000',
    ])
      expect(proxied(req(h)), h).toBe(true);
    for (const h of ['sluice.example.org:8443', 'lab.example', 'other.lan:9001', 'other.lan'])
      expect(proxied(req(h)), h).toBe(false);
    expect(policy({ allowedHosts: ['*'] })(req('anything.example:1'))).toBe(true);
  });

  it('reads SLUICE_ALLOWED_HOSTS and refuses what is not a host', () => {
    expect(allowedHostsFromEnv({ SLUICE_ALLOWED_HOSTS: ' Box.lan, *,x.example:81 ' })).toEqual([
      'box.lan',
      '*',
      'x.example:81',
    ]);
    expect(allowedHostsFromEnv({})).toEqual([]);
    expect(() => allowedHostsFromEnv({ SLUICE_ALLOWED_HOSTS: 'http://x.example/' })).toThrow(
      /SLUICE_ALLOWED_HOSTS/,
    );
  });
});
