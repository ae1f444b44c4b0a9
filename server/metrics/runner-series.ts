import { Counter, Gauge, type Registry } from 'prom-client';
import type { RunnerInfo } from '../../shared/protocol/cluster.js';

/**
 * Distributed mode: one series per runner heard from (recently dead ones included, with
 * `sluice_runner_up` 0, so an alert sees it go). Runner ids and hosts are the operator's own
 * names, not users' data: unlike run ids they need no opt-in to appear as labels.
 */
export interface RunnerSource {
  list(): RunnerInfo[];
  isAlive(runnerId: string): boolean;
  /** Messages on the heartbeat subject that were not heartbeats (anyone connected may publish there). */
  readonly invalidHeartbeats: number;
}

export function registerRunnerSeries(registry: Registry, source: RunnerSource): void {
  const registers = [registry];
  const gauge = (name: string, help: string, value: (r: RunnerInfo) => number) =>
    new Gauge({
      name,
      help,
      labelNames: ['runner', 'host'],
      registers,
      collect() {
        this.reset();
        for (const r of source.list()) this.set({ runner: r.id, host: r.host }, value(r));
      },
    });
  gauge('sluice_runner_slots', 'Parts a runner may run at once', (r) => r.slots);
  gauge(
    'sluice_runner_slots_in_use',
    'Parts a runner is running, from its last heartbeat',
    (r) => r.slotsInUse,
  );
  gauge(
    'sluice_runner_heartbeat_age_seconds',
    "Time since the runner's last heartbeat reached this server",
    (r) => r.heartbeatAgeMs / 1000,
  );
  gauge('sluice_runner_up', '1 while the runner is alive, 0 once it missed its heartbeats', (r) =>
    source.isAlive(r.id) ? 1 : 0,
  );
  new Counter({
    name: 'sluice_runner_heartbeats_invalid_total',
    help: 'Messages on the heartbeat subject that were not valid heartbeats (ignored)',
    registers,
    collect() {
      this.reset();
      this.inc(source.invalidHeartbeats);
    },
  });
}
