import { compileExpression } from '../../../shared/expr/index.js';
import { type FieldModel, rangeHint } from '../lib/schema-form.js';
import { regexEnginePending } from '../stores/regex-engine-store.js';
import { ExpressionInput } from './expression-input.js';
import { NumberInput } from './number-input.js';
import { RangeSlider } from './range-slider.js';

interface Props {
  field: FieldModel;
  value: unknown;
  live: boolean;
  /** Top-level params the kind declares as expressions (catalog `expressions`). */
  expressions: ReadonlySet<string>;
  issueFor: (name: string) => string | undefined;
  onChange: (path: string[], value: unknown) => void;
}

/**
 * One generated form control. `value` is what the user set (undefined = the kind's default,
 * shown dimmed); clearing a field goes back to the default.
 */
export function ParamField({ field, value, live, expressions, issueFor, onChange }: Props) {
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
            expressions={expressions}
            issueFor={issueFor}
            onChange={onChange}
          />
        ))}
      </details>
    );
  }

  const issue = issueFor(field.name);
  const isDefault = value === undefined;
  const isExpression = field.type === 'string' && expressions.has(field.name);
  const hint = field.type === 'number' ? rangeHint(field) : undefined;
  const inputId = `param-input-${field.name}`;
  const set = (v: unknown) => onChange(field.path, v);

  return (
    <div
      className={`param${issue ? ' has-issue' : ''}${isDefault ? ' is-default' : ''}`}
      data-testid={`field-${field.name}`}
    >
      <div className="param__label-row">
        <label htmlFor={inputId} className="param__label">
          {field.label}
          {field.unit && <span className="param__unit">{field.unit}</span>}
          {isExpression && <span className="param__unit">expression</span>}
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
      <Control field={field} id={inputId} value={value} isExpression={isExpression} onChange={set} />
      {issue && !(isExpression && expressionFails(value ?? field.default)) ? (
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
  isExpression,
  onChange,
}: {
  field: FieldModel;
  id: string;
  value: unknown;
  isExpression: boolean;
  onChange: (v: unknown) => void;
}) {
  const testId = `param-${field.name}`;
  const shown = value === undefined ? field.default : value;
  switch (field.type) {
    case 'number': {
      const bounded = field.min !== undefined && field.max !== undefined && field.max > field.min;
      return (
        <div className={bounded ? 'number-row' : undefined}>
          <NumberInput id={id} testId={testId} field={field} value={shown} onChange={onChange} />
          {bounded && (
            <RangeSlider
              testId={`${testId}-slider`}
              label={field.label}
              min={field.min!}
              max={field.max!}
              integer={field.integer}
              value={typeof shown === 'number' ? shown : field.min!}
              onChange={onChange}
            />
          )}
        </div>
      );
    }
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
        <label className="switch">
          <input
            id={id}
            data-testid={testId}
            type="checkbox"
            checked={shown === true}
            onChange={(e) => onChange(e.target.checked)}
          />
          <span>{shown === true ? 'on' : 'off'}</span>
        </label>
      );
    case 'string':
      return isExpression ? (
        <ExpressionInput
          id={id}
          testId={testId}
          value={typeof shown === 'string' ? shown : ''}
          onChange={onChange}
        />
      ) : (
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

/**
 * The expression editor shows its own compile error; the field repeats only other problems.
 * While a `~=` waits for the regex engine the editor shows nothing yet, and neither does the field.
 */
function expressionFails(v: unknown): boolean {
  return typeof v === 'string' && v.trim() !== '' && (regexEnginePending(v) || !compileExpression(v).ok);
}
