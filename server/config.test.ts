import { describe, expect, it } from 'vitest';
import {
  allowedOriginsFromEnv,
  DEFAULT_LIMITS,
  LIMIT_ENV,
  limitsFromEnv,
  metricsConfigFromEnv,
  spareRunThreadFromEnv,
} from './config.js';

describe('configuration from the environment', () => {
  it('overrides each limit by its own variable and refuses nonsense', () => {
    expect(limitsFromEnv({})).toEqual(DEFAULT_LIMITS);
    for (const [key, name] of Object.entries(LIMIT_ENV)) {
      expect(limitsFromEnv({ [name]: '7' })[key as keyof typeof DEFAULT_LIMITS]).toBe(7);
    }
    expect(new Set(Object.values(LIMIT_ENV)).size).toBe(Object.keys(DEFAULT_LIMITS).length);
    expect(() => limitsFromEnv({ SLUICE_MAX_NODES: 'many' })).toThrow(/SLUICE_MAX_NODES/);
    expect(() => limitsFromEnv({ SLUICE_MAX_RUNS: '0' })).toThrow(/SLUICE_MAX_RUNS/);
  });

  it('reads allowed origins as normalised origins and refuses anything else', () => {
    expect(allowedOriginsFromEnv({})).toEqual([]);
    expect(
      allowedOriginsFromEnv({ SLUICE_ALLOWED_ORIGINS: ' https://a.example/ , http://b.example:8080' }),
    ).toEqual(['https://a.example', 'http://b.example:8080']);
    expect(() => allowedOriginsFromEnv({ SLUICE_ALLOWED_ORIGINS: 'a.example' })).toThrow(
      /SLUICE_ALLOWED_ORIGINS/,
    );
  });

  it('keeps a spare run thread unless SLUICE_SPARE_RUN_THREAD is 0, and refuses anything else', () => {
    expect(spareRunThreadFromEnv({})).toBe(true);
    expect(spareRunThreadFromEnv({ SLUICE_SPARE_RUN_THREAD: '1' })).toBe(true);
    expect(spareRunThreadFromEnv({ SLUICE_SPARE_RUN_THREAD: ' 0 ' })).toBe(false);
    expect(() => spareRunThreadFromEnv({ SLUICE_SPARE_RUN_THREAD: 'off' })).toThrow(
      /SLUICE_SPARE_RUN_THREAD/,
    );
  });

  it('reads the /metrics token and run-label opt-in; run labels are off unless set to 1', () => {
    expect(metricsConfigFromEnv({})).toEqual({ runLabels: false });
    expect(metricsConfigFromEnv({ SLUICE_METRICS_RUN_LABELS: '1', SLUICE_METRICS_TOKEN: ' s3 ' })).toEqual({
      runLabels: true,
      token: 's3',
    });
    expect(metricsConfigFromEnv({ SLUICE_METRICS_RUN_LABELS: '0', SLUICE_METRICS_TOKEN: '' })).toEqual({
      runLabels: false,
    });
    expect(() => metricsConfigFromEnv({ SLUICE_METRICS_RUN_LABELS: 'yes' })).toThrow(
      /SLUICE_METRICS_RUN_LABELS/,
    );
    expect(limitsFromEnv({ SLUICE_ORPHAN_GRACE_MS: '5000' }).orphanGraceMs).toBe(5000);
    expect(DEFAULT_LIMITS.orphanGraceMs).toBe(30_000);
  });
});
