import { shownBottleneck } from '../../../shared/analysis/bottleneck.js';
import { useTelemetryStore } from '../stores/telemetry-store.js';

/**
 * Marks the node that limits throughput. Its tooltip is the one-sentence reason, written when
 * the pointer comes over the badge: the sentence carries live numbers, and keeping it in the
 * DOM meant a write per marked node per tick (a big graph has dozens). The evidence is in the
 * inspector.
 */
export function BottleneckBadge({ id }: { id: string }) {
  const marked = useTelemetryStore((s) => shownBottleneck(s.bottlenecks, id) !== undefined);
  if (!marked) return null;
  return (
    <span
      className="bottleneck-badge"
      data-testid={`bottleneck-${id}`}
      onPointerEnter={(e) => {
        e.currentTarget.title = shownBottleneck(useTelemetryStore.getState().bottlenecks, id)?.sentence ?? '';
      }}
    >
      bottleneck
    </span>
  );
}
