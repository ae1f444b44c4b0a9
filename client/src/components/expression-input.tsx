import { useMemo, useRef } from 'react';
import { compileExpression } from '../../../shared/expr/index.js';
import { highlight } from '../lib/expr-highlight.js';
import { regexEnginePending, useRegexEngineStore } from '../stores/regex-engine-store.js';

/**
 * A code-like input for expressions: the text is typed into a transparent textarea over a
 * coloured copy of itself, so the caret and selection are native while the colours come from
 * our tokenizer. It compiles as you type and underlines where the first error is.
 */
export function ExpressionInput(props: {
  id: string;
  testId: string;
  value: string;
  readOnly?: boolean;
  onChange: (value: string) => void;
}) {
  const { value } = props;
  const layer = useRef<HTMLPreElement>(null);
  // A `~=` waits for the regex engine (fetched on first need) before it is checked.
  const regexReady = useRegexEngineStore((s) => s.compile !== null);
  const result = useMemo(
    () =>
      value.trim() === '' || (!regexReady && regexEnginePending(value)) ? null : compileExpression(value),
    [value, regexReady],
  );
  const error = result && !result.ok ? result.error : null;
  const spans = useMemo(() => highlight(value), [value]);
  const errFrom = error ? Math.min(error.position, Math.max(0, value.length - 1)) : -1;
  const errTo = error ? errFrom + Math.max(1, error.token.length) : -1;
  const rows = Math.min(6, Math.max(1, value.split('\n').length, Math.ceil(value.length / 34)));

  return (
    <div className={`expr${error ? ' has-error' : ''}`}>
      <div className="expr__box">
        <pre className="expr__layer" ref={layer} aria-hidden="true">
          {spans.map((s) => {
            const bad = error && s.start < errTo && s.start + s.text.length > errFrom;
            return (
              <span key={s.start} className={`tok tok--${s.kind}${bad ? ' tok--bad' : ''}`}>
                {s.text}
              </span>
            );
          })}
          {/* A trailing newline needs a character after it to take up its line. */}
          {'\u200b'}
        </pre>
        <textarea
          id={props.id}
          data-testid={props.testId}
          className="expr__input"
          rows={rows}
          value={value}
          readOnly={props.readOnly}
          spellCheck={false}
          autoCapitalize="off"
          autoComplete="off"
          aria-invalid={error !== null}
          onChange={(e) => props.onChange(e.target.value)}
          onScroll={(e) => {
            if (layer.current) layer.current.scrollTop = e.currentTarget.scrollTop;
          }}
        />
      </div>
      {error && (
        <p className="expr__error" data-testid={`${props.testId}-error`}>
          {error.message}
        </p>
      )}
      {result?.ok && result.fields.length > 0 && (
        <p className="expr__fields">
          reads <code>{result.fields.join(', ')}</code>
        </p>
      )}
    </div>
  );
}
