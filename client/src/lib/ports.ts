import type { CatalogEntry } from '../../../shared/catalog/catalog.js';

export interface NodePorts {
  inputs: readonly string[];
  outputs: readonly string[];
}

const NONE: NodePorts = { inputs: [], outputs: [] };
const cache = new WeakMap<CatalogEntry, Map<number, NodePorts>>();

/** The JSON Schema default of a top-level param, when the catalog declares one. */
export function paramDefault(entry: CatalogEntry, name: string): unknown {
  const props = (entry.params as { properties?: Record<string, { default?: unknown }> }).properties;
  return props?.[name]?.default;
}

/**
 * The ports a node has now. Most kinds have fixed ports; kinds with `dynamicOutputs`
 * (partition, round-robin) have `out0` … `out{n-1}` where n is a param (or its default) — the
 * same rule as the compiler's `portsOf`, so the canvas never offers a port the server refuses.
 * Results are cached per entry and count, so a node re-rendering gets the same arrays back.
 *
 * @example portsFor(roundRobin, { outputs: 3 }).outputs // ['out0', 'out1', 'out2']
 */
export function portsFor(entry: CatalogEntry | undefined, params: Record<string, unknown>): NodePorts {
  if (!entry) return NONE;
  const dyn = entry.dynamicOutputs;
  if (!dyn) return entry;
  const raw = Object.hasOwn(params, dyn.countParam)
    ? params[dyn.countParam]
    : paramDefault(entry, dyn.countParam);
  const n = Number(raw);
  const count = Number.isInteger(n) && n > 0 ? Math.min(n, 256) : 0;
  let byCount = cache.get(entry);
  if (!byCount) {
    byCount = new Map();
    cache.set(entry, byCount);
  }
  let ports = byCount.get(count);
  if (!ports) {
    ports = { inputs: entry.inputs, outputs: Array.from({ length: count }, (_, i) => `${dyn.prefix}${i}`) };
    byCount.set(count, ports);
  }
  return ports;
}
