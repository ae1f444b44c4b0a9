import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { INSTANCE_ID_PATTERN } from './instance-directory.js';

export interface InstanceConfig {
  /** This instance's id in the directory and in subjects. */
  id: string;
}

/**
 * `SLUICE_CLUSTER=1`: this server is one of many stateless instances (docs/instances.md). It needs
 * both NATS (registry, forwarding, live relay) and Postgres (graphs every instance reads); a
 * missing one is a start-up error naming it, not a quiet single-instance server.
 * Returns undefined when SLUICE_CLUSTER is unset or 0.
 */
export function instanceConfigFromEnv(env: NodeJS.ProcessEnv = process.env): InstanceConfig | undefined {
  const raw = env.SLUICE_CLUSTER?.trim() ?? '';
  if (raw === '' || raw === '0') return undefined;
  if (raw !== '1') throw new Error(`SLUICE_CLUSTER must be 0 or 1, got "${raw}"`);
  if (!env.SLUICE_NATS_URL?.trim())
    throw new Error(
      'SLUICE_CLUSTER=1 needs SLUICE_NATS_URL (the NATS server every instance and runner shares, e.g. nats://127.0.0.1:4222)',
    );
  if (!env.DATABASE_URL?.trim())
    throw new Error(
      'SLUICE_CLUSTER=1 needs DATABASE_URL (the Postgres database every instance shares, e.g. postgres://sluice@db/sluice)',
    );
  const given = env.SLUICE_INSTANCE_ID?.trim();
  if (given) {
    if (!INSTANCE_ID_PATTERN.test(given))
      throw new Error(`SLUICE_INSTANCE_ID "${given}" may only use letters, digits, _ and - (at most 100)`);
    return { id: given };
  }
  const host =
    hostname()
      .replace(/[^A-Za-z0-9_-]/g, '-')
      .slice(0, 60) || 'host';
  return { id: `${host}-${process.pid}-${randomBytes(3).toString('hex')}` };
}
