import { MAX_EXPIRE_MS } from '../../../shared/graph/graph-schema.js';
import { NumberInput } from './number-input.js';

/**
 * An edge's `expireMs` (NiFi's FlowFile expiration): empty = items never expire. Live like the
 * capacity; broker edges refuse it (the compiler says why), so the box is off there.
 */
export function EdgeExpiryField(props: {
  value: number | undefined;
  broker: boolean;
  issue: string | undefined;
  onChange: (expireMs: number | undefined) => void;
}) {
  const { value, broker, issue, onChange } = props;
  return (
    <div className={`param${issue ? ' has-issue' : ''}`}>
      <div className="param__label-row">
        <label htmlFor="edge-expire" className="param__label">
          Expire after<span className="param__unit">ms</span>
        </label>
        <span className="badge badge--live">live</span>
      </div>
      <NumberInput
        id="edge-expire"
        testId="param-expireMs"
        field={{
          type: 'number',
          path: ['expireMs'],
          name: 'expireMs',
          label: 'Expire after',
          integer: true,
          nullable: true,
          min: 1,
          max: MAX_EXPIRE_MS,
        }}
        value={value}
        onChange={(v) => onChange(typeof v === 'number' && v >= 1 ? v : undefined)}
      />
      <p className={issue ? 'param__issue' : 'param__hint'}>
        {issue ??
          (broker
            ? 'Not available on a broker queue: items wait in the JetStream stream.'
            : 'Items that waited longer are dropped when they reach the head and counted as expired. Empty: never.')}
      </p>
    </div>
  );
}
