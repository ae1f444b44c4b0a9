import { useEffect, useRef, useState } from 'react';
import { type FieldModel, parseNumberInput } from '../lib/schema-form.js';

type NumberField = Extract<FieldModel, { type: 'number' }>;

function toText(v: unknown): string {
  return typeof v === 'number' ? String(v) : '';
}

/**
 * A number box that keeps what the user is typing ("1e", "-") as a draft and commits only
 * parseable values. Empty means null for nullable fields and "back to default" otherwise.
 * A draft that is no number ("abc", "5 ms") says so under the box, with the value that still
 * holds: a red border alone left "abc" on screen while the graph ran with the old 2 ms.
 */
export function NumberInput(props: {
  id: string;
  testId: string;
  field: NumberField;
  value: unknown;
  onChange: (v: unknown) => void;
}) {
  const { id, testId, field, value, onChange } = props;
  const [draft, setDraft] = useState(() => toText(value));
  const focused = useRef(false);

  // Follow outside changes (reset, undo, another control) unless the user is typing here.
  useEffect(() => {
    if (!focused.current) setDraft(toText(value));
  }, [value]);

  const bad = draft.trim() !== '' && parseNumberInput(draft, field.nullable) === undefined;
  const held = toText(value);
  const kept = held
    ? `${held}${field.unit ? ` ${field.unit}` : ''}`
    : field.nullable
      ? 'none'
      : 'its default';
  return (
    <>
      <input
        id={id}
        data-testid={testId}
        className="input input--number"
        type="text"
        inputMode={field.integer ? 'numeric' : 'decimal'}
        autoComplete="off"
        spellCheck={false}
        placeholder={field.nullable ? 'none' : ''}
        value={draft}
        aria-invalid={bad}
        aria-describedby={bad ? `${id}-nan` : undefined}
        onFocus={() => {
          focused.current = true;
        }}
        onBlur={() => {
          focused.current = false;
          setDraft(toText(value));
        }}
        onChange={(e) => {
          setDraft(e.target.value);
          const parsed = parseNumberInput(e.target.value, field.nullable);
          if (parsed !== undefined) onChange(parsed);
          else if (e.target.value.trim() === '') onChange(undefined);
        }}
      />
      {bad && (
        <p id={`${id}-nan`} className="param__issue number-input__nan" data-testid={`${testId}-nan`}>
          Not a number: {field.label} stays {kept}
        </p>
      )}
    </>
  );
}
