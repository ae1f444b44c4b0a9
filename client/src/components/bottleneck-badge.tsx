import { useBottleneck } from '../stores/telemetry-store.js';

/** Marks the node that limits throughput; the reason is in its tooltip and in the inspector. */
export function BottleneckBadge({ id }: { id: string }) {
  const reason = useBottleneck(id);
  if (!reason) return null;
  return (
    <span className="bottleneck-badge" data-testid={`bottleneck-${id}`} title={reason}>
      bottleneck
    </span>
  );
}
