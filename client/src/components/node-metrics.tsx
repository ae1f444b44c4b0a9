import { useRef } from 'react';
import { useLiveWrites, writeAttr, writeStyle, writeText } from '../hooks/use-live-writes.js';
import { type NodeMetricsFlags, nodeMetricsShape, nodeMetricsView } from '../lib/node-metrics-view.js';
import { type TelemetryState, useTelemetryStore } from '../stores/telemetry-store.js';
import { LimiterGauge } from './limiter-gauge.js';

/** A node's view of the store: its telemetry, its run averages (not while scrubbed), whether it moves. */
function viewOf(s: TelemetryState, id: string, flags: NodeMetricsFlags) {
  return nodeMetricsView(
    s.frame?.nodes[id],
    s.past ? null : (s.averages?.nodes[id] ?? null),
    s.live || s.past,
    flags,
  );
}

/**
 * Live numbers of one node. Always rendered at the same size (dashes before the first frame),
 * so the canvas does not jump when a run starts. The foot line is latency: processing p99 for
 * sources and transforms, end-to-end p50 / p99 for sinks, and errors when there are any.
 * React renders the card's shape only (which rows, which labels); every number is written into
 * it by useLiveWrites on each frame, so a tick re-renders no card.
 */
export function NodeMetrics({
  id,
  category,
  hasInputs,
  hasOutputs,
  hasLimiter = false,
}: {
  id: string;
  category: string;
  hasInputs: boolean;
  hasOutputs: boolean;
  /** A rate limiter: its gauge row is there from the start (empty until the first frame). */
  hasLimiter?: boolean;
}) {
  const sink = category === 'sink';
  const flags = { sink, hasInputs, hasOutputs };
  // Renders when the shape changes: first frame, run end (averages, stale), errors appearing.
  useTelemetryStore((s) =>
    nodeMetricsShape(s.frame?.nodes[id], s.past ? null : (s.averages?.nodes[id] ?? null), s.live || s.past),
  );
  const limiter = useTelemetryStore((s) => s.frame?.nodes[id]?.limiter !== undefined);
  const view = viewOf(useTelemetryStore.getState(), id, flags);
  const inRef = useRef<HTMLSpanElement>(null);
  const outRef = useRef<HTMLSpanElement>(null);
  const doneRef = useRef<HTMLSpanElement>(null);
  const latRef = useRef<HTMLSpanElement>(null);
  const footRef = useRef<HTMLSpanElement>(null);
  const barRef = useRef<HTMLDivElement>(null);
  const track = useRef<HTMLDivElement>(null);
  const keys = useRef<Array<HTMLSpanElement | null>>([]);
  useLiveWrites((s) => {
    const v = viewOf(s, id, flags);
    writeText(inRef.current, v.inText);
    writeText(outRef.current, v.outText);
    writeText(doneRef.current, v.doneText);
    writeText(latRef.current, v.latency);
    if (v.foot) writeText(footRef.current, v.foot.text);
    writeAttr(barRef.current, 'title', v.bar.title);
    writeStyle(track.current, 'background', v.bar.background);
    writeText(keys.current[0] ?? null, v.bar.busy);
    writeText(keys.current[1] ?? null, v.bar.bp);
    writeText(keys.current[2] ?? null, v.bar.idle);
  });
  return (
    <div className={`sl-metrics${view.stale ? ' is-stale' : ''}`}>
      <div
        className="sl-metrics__grid"
        title={view.averaged ? 'In and out: averages over the run' : undefined}
      >
        <Metric label={view.averaged ? 'avg in' : 'in'} testId={`node-inrate-${id}`} valueRef={inRef} />
        <Metric label={view.averaged ? 'avg out' : 'out'} testId={`node-outrate-${id}`} valueRef={outRef} />
        <Metric label="done" testId={`node-processed-${id}`} valueRef={doneRef} />
      </div>
      {/* After the run, how its time split over the whole run: the last tick's lanes were all idle. */}
      <div ref={barRef} className="state-bar">
        <div ref={track} className={`state-bar__track${view.bar.known ? '' : ' is-empty'}`} />
        <div className="state-bar__legend">
          {(['busy', 'bp', 'idle'] as const).map((k, i) => (
            <span
              key={k}
              ref={(el) => {
                keys.current[i] = el;
              }}
              className={`state-bar__key state-bar__key--${k}`}
            />
          ))}
        </div>
      </div>
      {(hasLimiter || limiter) && <NodeLimiter id={id} />}
      <div className="sl-metrics__foot">
        <span
          className="sl-metrics__lat"
          data-testid={`node-latency-${id}`}
          title={sink ? 'End-to-end latency p50 / p99' : 'Processing time p99'}
        >
          <span className="sl-metrics__foot-label">{sink ? 'e2e p50/p99' : 'p99'}</span> <span ref={latRef} />
        </span>
        {view.foot && (
          <span
            ref={footRef}
            key={view.foot.kind}
            className="sl-metrics__errors"
            data-testid={view.foot.kind === 'errors' ? `node-errors-${id}` : undefined}
            title={view.foot.title}
          />
        )}
      </div>
    </div>
  );
}

/** A rate limiter's gauge: re-renders with its node's frames (few nodes are limiters). */
function NodeLimiter({ id }: { id: string }) {
  const limiter = useTelemetryStore((s) => s.frame?.nodes[id]?.limiter);
  const avgLimited = useTelemetryStore((s) => (s.past ? undefined : s.averages?.nodes[id]?.limitedRate));
  return <LimiterGauge limiter={limiter} avgLimited={avgLimited} />;
}

function Metric({
  label,
  testId,
  valueRef,
}: {
  label: string;
  testId: string;
  valueRef: React.RefObject<HTMLSpanElement | null>;
}) {
  return (
    <div className="sl-metric">
      <span className="sl-metric__label">{label}</span>
      <span ref={valueRef} className="sl-metric__value" data-testid={testId} />
    </div>
  );
}

/**
 * Low detail (zoomed far out): room for the busy / backpressured / idle bar, which the overview
 * layer paints here every frame (overview-layer.tsx), so this box never changes during a run.
 */
export function NodeStateOnly() {
  return (
    <div className="sl-metrics sl-metrics--low">
      <div className="state-bar__track state-bar__track--low" />
    </div>
  );
}
