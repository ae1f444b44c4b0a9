import { useState } from 'react';
import { LANGUAGE_REFERENCE } from '../../../shared/expr/index.js';

/** The expression language, from the same tables the compiler uses: collapsible, searchable. */
export function LanguageReference() {
  const [query, setQuery] = useState('');
  const ref = LANGUAGE_REFERENCE;
  const q = query.trim().toLowerCase();
  const fns = q
    ? ref.functions.filter((f) => f.name.includes(q) || f.description.toLowerCase().includes(q))
    : ref.functions;
  return (
    <details className="lang-ref" data-testid="language-reference">
      <summary>Expression language reference</summary>
      <div className="lang-ref__body">
        <p>{ref.summary}</p>
        <h4>Examples run against this item</h4>
        <pre className="lang-ref__sample">{JSON.stringify(ref.sampleItem, null, 1)}</pre>
        <h4>Values and fields</h4>
        <ul className="lang-ref__list">
          {ref.literals.map((l) => (
            <li key={l.syntax}>
              <code>{l.syntax}</code> {l.description}
              <Example example={l.example} result={l.result} />
            </li>
          ))}
        </ul>
        <h4>Operators (loosest first)</h4>
        <ul className="lang-ref__list">
          {ref.operators.map((o) => (
            <li key={o.syntax}>
              <code>{o.syntax}</code> {o.description}
              <Example example={o.example} result={o.result} />
            </li>
          ))}
        </ul>
        <h4>Functions ({ref.functions.length})</h4>
        <input
          className="input input--small"
          type="search"
          placeholder="Find a function"
          aria-label="Find a function"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
        />
        <ul className="lang-ref__list">
          {fns.map((f) => (
            <li key={f.name}>
              <code>{f.signature}</code> {f.description}
              <Example example={f.example} result={f.result} />
            </li>
          ))}
          {fns.length === 0 && <li className="muted">No function matches.</li>}
        </ul>
        <h4>Rules</h4>
        <dl className="lang-ref__rules">
          {ref.rules.map((r) => (
            <div key={r.topic}>
              <dt>{r.topic}</dt>
              <dd>{r.text}</dd>
            </div>
          ))}
        </dl>
        <p className="muted">
          Limits: {ref.limits.maxSourceLength.toLocaleString('en-US')} characters, {ref.limits.maxNodes}{' '}
          syntax nodes, nesting depth {ref.limits.maxDepth}.
        </p>
      </div>
    </details>
  );
}

function Example({ example, result }: { example: string; result: string }) {
  return (
    <span className="lang-ref__example">
      <code>{example}</code> → <code>{result}</code>
    </span>
  );
}
