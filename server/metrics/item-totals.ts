import { Counter, type Registry } from 'prom-client';
import type { RunTotals } from '../../shared/protocol/telemetry.js';

const NAMES: Array<[keyof RunTotals, string, string]> = [
  ['emitted', 'sluice_emitted_items_total', 'Items made by sources, all runs'],
  ['delivered', 'sluice_delivered_items_total', 'Items that reached a sink, all runs'],
  [
    'dropped',
    'sluice_dropped_items_total',
    'Items dropped by overflow policies and rate limiters in drop mode, all runs',
  ],
  ['rejected', 'sluice_rejected_items_total', 'Items open-loop sources could not enqueue, all runs'],
  ['deadLettered', 'sluice_dead_lettered_items_total', 'Failed items sent to dead letter, all runs'],
  ['skipped', 'sluice_skipped_items_total', 'Failed items skipped by their error policy, all runs'],
  ['errors', 'sluice_item_errors_total', 'Items that failed, all runs'],
];

/**
 * Server-wide item counters, without run labels: they outlive every run, only ever increase, and
 * `rate()` turns them into throughput. Each run's totals are added as they grow.
 */
export class ItemTotals {
  private readonly counters: Array<[keyof RunTotals, Counter]>;
  private readonly seen = new Map<string, RunTotals>();

  constructor(registry: Registry) {
    this.counters = NAMES.map(([key, name, help]) => [
      key,
      new Counter({ name, help, registers: [registry] }),
    ]);
  }

  /** A run's totals now; adds what grew since the last call for that run. */
  observe(runId: string, totals: RunTotals): void {
    const before = this.seen.get(runId);
    for (const [key, counter] of this.counters) {
      const grew = (totals[key] ?? 0) - (before?.[key] ?? 0);
      if (grew > 0) counter.inc(grew);
    }
    this.seen.set(runId, { ...totals });
  }

  /** The run has ended (its final totals already observed). */
  forget(runId: string): void {
    this.seen.delete(runId);
  }
}
