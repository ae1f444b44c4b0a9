import { type FieldModel, rangeHint } from '../lib/schema-form.js';
import { NumberInput } from './number-input.js';

interface Props {
  field: FieldModel;
  value: unknown;
  live: boolean;
  issueFor: (name: string) => string | undefined;
  onChange: (path: string[], value: unknown) => void;
}

/**
 * One generated form control. `value` is what the user set (undefined = the kind's default,
 * shown dimmed); clearing a field goes back to the default.
 */
export function ParamField({ field, value, live, issueFor, onChange }: Props) {
  if (field.type === 'group') {
    // A collapsed group must not hide a problem inside it.
    const childIssue = field.fields.some((child) => issueFor(child.name) !== undefined);
    return (
      <details className="param-group" open={childIssue || undefined}>
        <summary>
          {field.label}
          {field.description && <span className="param-group__desc">{field.description}</span>}
        </summary>
        {field.fields.map((child) => (
          <ParamField
            key={child.name}
            field={child}
            value={(value as Record<string, unknown> | undefined)?.[child.path[child.path.length - 1] ?? '']}
            live={live}
            issueFor={issueFor}
            onChange={onChange}
          />
        ))}
      </details>
    );
  }

  const issue = issueFor(field.name);
  const isDefault = value === undefined;
  const hint = field.type === 'number' ? rangeHint(field) : undefined;
  const inputId = `param-input-${field.name}`;
  const set = (v: unknown) => onChange(field.path, v);

  return (
    <div className={`param${issue ? ' has-issue' : ''}${isDefault ? ' is-default' : ''}`}>
      <div className="param__label-row">
        <label htmlFor={inputId} className="param__label">
          {field.label}
          {field.unit && <span className="param__unit">{field.unit}</span>}
        </label>
        {live && (
          <span className="badge badge--live" title="Can be changed while running">
            live
          </span>
        )}
        {!isDefault && (
          <button
            type="button"
            className="param__reset"
            title="Back to the default"
            onClick={() => set(undefined)}
          >
            reset
          </button>
        )}
      </div>
      <Control field={field} id={inputId} value={value} onChange={set} />
      {issue ? (
        <p className="param__issue">{issue}</p>
      ) : (
        (field.description || hint) && (
          <p className="param__hint">
            {field.description}
            {hint && <span className="param__range">{hint}</span>}
          </p>
        )
      )}
    </div>
  );
}

function Control({
  field,
  id,
  value,
  onChange,
}: {
  field: FieldModel;
  id: string;
  value: unknown;
  onChange: (v: unknown) => void;
}) {
  const testId = `param-${field.name}`;
  const shown = value === undefined ? field.default : value;
  switch (field.type) {
    case 'number':
      return <NumberInput id={id} testId={testId} field={field} value={shown} onChange={onChange} />;
    case 'enum':
      return (
        <select
          id={id}
          data-testid={testId}
          className="input"
          value={shown === null || shown === undefined ? '' : String(shown)}
          onChange={(e) => onChange(e.target.value === '' ? null : e.target.value)}
        >
          {(field.nullable || shown === undefined) && <option value="">none</option>}
          {field.options.map((o) => (
            <option key={o} value={o}>
              {o}
            </option>
          ))}
        </select>
      );
    case 'boolean':
      return (
        <input
          id={id}
          data-testid={testId}
          type="checkbox"
          checked={shown === true}
          onChange={(e) => onChange(e.target.checked)}
        />
      );
    case 'string':
      return (
        <input
          id={id}
          data-testid={testId}
          className="input"
          value={typeof shown === 'string' ? shown : ''}
          spellCheck={false}
          onChange={(e) => onChange(e.target.value)}
        />
      );
    default:
      return (
        <input
          id={id}
          data-testid={testId}
          className="input input--mono"
          defaultValue={shown === undefined ? '' : JSON.stringify(shown)}
          onBlur={(e) => {
            try {
              onChange(e.target.value.trim() === '' ? undefined : JSON.parse(e.target.value));
            } catch {
              // Not JSON yet: keep the text; the compiler will not see it until it parses.
            }
          }}
        />
      );
  }
}
