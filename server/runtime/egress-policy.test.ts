import { describe, expect, it } from 'vitest';
import { httpPostAllowFromEnv } from '../config.js';
import { checkUrl, DEFAULT_EGRESS, egressPolicy } from './egress-policy.js';

describe('http-post egress policy', () => {
  it('by default allows loopback only, in every spelling the URL parser accepts', () => {
    const p = egressPolicy(DEFAULT_EGRESS);
    for (const url of ['http://127.0.0.1/', 'http://127.1.2.3:8080/x', 'http://[::1]/', 'http://2130706433/'])
      expect(checkUrl(p, new URL(url)), url).toBe('allow');
    expect(checkUrl(p, new URL('http://[::ffff:127.0.0.1]/'))).toBe('allow');
    for (const url of [
      'http://169.254.169.254/latest/meta-data',
      'http://10.0.0.1/',
      'http://0.0.0.0/',
      'http://[::ffff:a9fe:a9fe]/',
      'http://192.168.1.1/',
    ])
      expect(checkUrl(p, new URL(url)), url).toBe('deny');
    // A name is decided on each DNS answer, at connect time (so rebinding cannot slip through).
    expect(checkUrl(p, new URL('http://localhost:9/'))).toBe('resolve');
    expect(p.addressAllowed('127.0.0.1')).toBe(true);
    expect(p.addressAllowed('93.184.216.34')).toBe(false);
  });

  it('takes addresses, CIDR ranges, names and *.suffixes from the list; * allows anything', () => {
    const p = egressPolicy(['10.0.0.0/8', '192.168.1.7', 'Hooks.Example.org', '*.corp.example']);
    expect(p.addressAllowed('10.200.3.4')).toBe(true);
    expect(p.addressAllowed('192.168.1.7')).toBe(true);
    expect(p.addressAllowed('192.168.1.8')).toBe(false);
    expect(p.addressAllowed('127.0.0.1')).toBe(false); // a list replaces the default
    expect(p.hostAllowed('hooks.example.org')).toBe(true);
    expect(p.hostAllowed('a.b.corp.example')).toBe(true);
    expect(p.hostAllowed('corp.example')).toBe(false);
    expect(p.hostAllowed('evilcorp.example')).toBe(false);
    expect(egressPolicy(['*']).addressAllowed('169.254.169.254')).toBe(true);
  });

  it('refuses entries it does not understand', () => {
    expect(() => egressPolicy(['10.0.0.0/33'])).toThrow(/CIDR/);
    expect(() => egressPolicy(['bad_host!'])).toThrow(/not loopback/);
    expect(() => egressPolicy(['a b'])).toThrow();
  });
});

describe('SLUICE_HTTP_POST_ALLOW', () => {
  it('defaults to loopback, reads a comma-separated list, and names itself when an entry is wrong', () => {
    expect(httpPostAllowFromEnv({})).toEqual(['loopback']);
    expect(httpPostAllowFromEnv({ SLUICE_HTTP_POST_ALLOW: ' 10.0.0.0/8 , hooks.example.org ,' })).toEqual([
      '10.0.0.0/8',
      'hooks.example.org',
    ]);
    expect(() => httpPostAllowFromEnv({ SLUICE_HTTP_POST_ALLOW: 'loopback,10.0.0.0/99' })).toThrow(
      /SLUICE_HTTP_POST_ALLOW: .*CIDR/,
    );
  });
});
