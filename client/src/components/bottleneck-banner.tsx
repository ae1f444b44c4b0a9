import { worstBottleneck } from '../../../shared/analysis/bottleneck.js';
import { useGraphStore } from '../stores/graph-store.js';
import { useRunStore } from '../stores/run-store.js';
import { useTelemetryStore } from '../stores/telemetry-store.js';

/**
 * One sentence over the canvas naming the node that limits throughput and why. It re-renders
 * only when the sentence changes (selected as a string), not on every tick.
 */
export function BottleneckBanner() {
  const worst = useTelemetryStore((s) => {
    const w = worstBottleneck(s.bottlenecks);
    return w ? `${w[0]}\u0000${w[1].sentence}` : null;
  });
  // While the server is lost the sentence is stale; the reconnect banner takes its place.
  const connected = useRunStore((s) => s.connected);
  if (!worst || !connected) return null;
  const [nodeId = '', sentence = ''] = worst.split('\u0000');
  return (
    <button
      type="button"
      className="canvas-banner canvas-banner--bottleneck"
      data-testid="bottleneck-banner"
      title="Show this node"
      onClick={() => useGraphStore.getState().select({ type: 'node', id: nodeId })}
    >
      <span className="bottleneck-badge">bottleneck</span>
      <span className="canvas-banner__text" title={sentence}>
        {sentence}
      </span>
    </button>
  );
}
