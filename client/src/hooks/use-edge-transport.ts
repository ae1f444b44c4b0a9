import type { Transport } from '../../../shared/graph/graph-schema.js';
import { edgeTransportsOf } from '../lib/broker-edges.js';
import { useGraphStore } from '../stores/graph-store.js';
import { useTelemetryStore } from '../stores/telemetry-store.js';

/**
 * How an edge is carried: what the running graph's frames say (`transport: 'nats'`), else what
 * the document resolves to. Frames first, so an edge deleted from the document but still running
 * (a held ghost) keeps its broker look. Returns a string: re-renders only when it flips.
 */
export function useEdgeTransport(edgeId: string): Transport {
  const framed = useTelemetryStore((s) => s.frame?.edges[edgeId]?.transport);
  const drawn = useGraphStore((s) => edgeTransportsOf(s.nodes, s.edges).get(edgeId));
  return framed ?? drawn ?? 'memory';
}
