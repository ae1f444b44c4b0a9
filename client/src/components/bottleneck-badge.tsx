import { useBottleneck, useBottleneckDetail } from '../stores/telemetry-store.js';

/** Marks the node that limits throughput; the reason is in its tooltip, the banner and the inspector. */
export function BottleneckBadge({ id }: { id: string }) {
  const reason = useBottleneck(id);
  const detail = useBottleneckDetail(id);
  if (!reason) return null;
  return (
    <span className="bottleneck-badge" data-testid={`bottleneck-${id}`} title={`${reason} ${detail ?? ''}`}>
      bottleneck
    </span>
  );
}
