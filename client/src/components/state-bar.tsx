import { formatPercent } from '../lib/format.js';

interface Props {
  busy: number | undefined;
  idle: number | undefined;
  backpressured: number | undefined;
}

/** How an executor's time splits: busy / backpressured / idle, as one stacked bar with a legend. */
export function StateBar({ busy, idle, backpressured }: Props) {
  const known = busy !== undefined && idle !== undefined && backpressured !== undefined;
  const pct = (f: number | undefined) => `${Math.round(Math.min(1, Math.max(0, f ?? 0)) * 1000) / 10}%`;
  const title = known
    ? `busy ${formatPercent(busy)} · backpressured ${formatPercent(backpressured)} · idle ${formatPercent(idle)}`
    : 'No run yet';
  return (
    <div className="state-bar" title={title}>
      <div className={`state-bar__track${known ? '' : ' is-empty'}`}>
        <span className="state-bar__seg state-bar__seg--busy" style={{ width: pct(busy) }} />
        <span className="state-bar__seg state-bar__seg--bp" style={{ width: pct(backpressured) }} />
        <span className="state-bar__seg state-bar__seg--idle" style={{ width: pct(idle) }} />
      </div>
      <div className="state-bar__legend">
        <span className="state-bar__key state-bar__key--busy">busy {known ? formatPercent(busy) : '—'}</span>
        <span className="state-bar__key state-bar__key--bp">
          bp {known ? formatPercent(backpressured) : '—'}
        </span>
        <span className="state-bar__key state-bar__key--idle">idle {known ? formatPercent(idle) : '—'}</span>
      </div>
    </div>
  );
}
