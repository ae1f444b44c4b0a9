import { stateBarView } from '../lib/node-metrics-view.js';

interface Props {
  busy: number | undefined;
  idle: number | undefined;
  backpressured: number | undefined;
  /** The shares are the whole run's (after it ended), not the last tick's. */
  overRun?: boolean;
}

/**
 * How an executor's time splits: busy / backpressured / idle, as one stacked bar with a legend
 * (a replica in the inspector; a node card writes the same view live, node-metrics.tsx).
 */
export function StateBar({ busy, idle, backpressured, overRun = false }: Props) {
  const v = stateBarView(busy, idle, backpressured, overRun);
  return (
    <div className="state-bar" title={v.title}>
      <div
        className={`state-bar__track${v.known ? '' : ' is-empty'}`}
        style={{ background: v.background || undefined }}
      />
      <div className="state-bar__legend">
        <span className="state-bar__key state-bar__key--busy">{v.busy}</span>
        <span className="state-bar__key state-bar__key--bp">{v.bp}</span>
        <span className="state-bar__key state-bar__key--idle">{v.idle}</span>
      </div>
    </div>
  );
}
