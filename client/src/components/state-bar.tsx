import { formatPercent } from '../lib/format.js';

interface Props {
  busy: number | undefined;
  idle: number | undefined;
  backpressured: number | undefined;
  /** The shares are the whole run's (after it ended), not the last tick's. */
  overRun?: boolean;
}

/** How an executor's time splits: busy / backpressured / idle, as one stacked bar with a legend. */
export function StateBar({ busy, idle, backpressured, overRun = false }: Props) {
  const known = busy !== undefined && idle !== undefined && backpressured !== undefined;
  // Whole percents, like the legend: finer steps are invisible at any zoom but repaint every tick.
  const clamp = (f: number | undefined) => Math.round(Math.min(1, Math.max(0, f ?? 0)) * 100);
  // One painted gradient instead of three sized boxes: a tick repaints the bar, it does not re-lay it out.
  const b = clamp(busy);
  const bp = Math.min(100, b + clamp(backpressured));
  const background = known
    ? `linear-gradient(to right, var(--busy) 0 ${b}%, var(--bp) ${b}% ${bp}%, var(--idle) ${bp}% 100%)`
    : undefined;
  const title = known
    ? `${overRun ? 'Over the run: ' : ''}busy ${formatPercent(busy)} · backpressured ${formatPercent(backpressured)} · idle ${formatPercent(idle)}`
    : 'No run yet';
  return (
    <div className="state-bar" title={title}>
      <div className={`state-bar__track${known ? '' : ' is-empty'}`} style={{ background }} />
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
