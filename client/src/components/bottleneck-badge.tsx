import { useBottleneck } from '../stores/telemetry-store.js';

/**
 * Marks the node that limits throughput. Its tooltip is the one-sentence reason; the evidence,
 * which changes every tick, is in the inspector (keeping it out of the DOM here saves a write
 * per node per tick on big graphs).
 */
export function BottleneckBadge({ id }: { id: string }) {
  const reason = useBottleneck(id);
  if (!reason) return null;
  return (
    <span className="bottleneck-badge" data-testid={`bottleneck-${id}`} title={reason}>
      bottleneck
    </span>
  );
}
