import { splitDocText } from '../lib/doc-text.js';

/** A kind's docs paragraph, with `backticked` names shown as code. Plain text only, never HTML. */
export function DocText({ text, className }: { text: string; className?: string }) {
  return (
    <p className={className}>
      {splitDocText(text).map((part, i) =>
        // Parts are positional and never reorder, so the index is a stable key here.
        part.code ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: see above
          <code key={i}>{part.text}</code>
        ) : (
          // biome-ignore lint/suspicious/noArrayIndexKey: see above
          <span key={i}>{part.text}</span>
        ),
      )}
    </p>
  );
}
