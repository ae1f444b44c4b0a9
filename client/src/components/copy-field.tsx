import { useRef, useState } from 'react';
import { toast } from '../stores/toast-store.js';

interface CopyButtonProps {
  text: string;
  /** What is copied, for the toast: "Link" → "Link copied". */
  what: string;
  /** Said after "… copied" in the toast: e.g. advice to keep it. */
  note?: string;
  label: string;
  testId?: string;
  className?: string;
  autoFocus?: boolean;
  /** Without clipboard permission: e.g. select the text so Ctrl+C copies it. */
  onFail?: () => void;
}

/** A button that copies `text`, says "Copied" once it did, and tells how to copy it when it could not. */
export function CopyButton({
  text,
  what,
  note,
  label,
  testId,
  className,
  autoFocus,
  onFail,
}: CopyButtonProps) {
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setCopied(true);
      toast(note ? `${what} copied: ${note}` : `${what} copied`, 'good');
    } catch {
      onFail?.();
      toast(onFail ? 'Press Ctrl+C to copy the selected text' : 'Select the text and press Ctrl+C', 'warn');
    }
  };
  return (
    <button
      type="button"
      className={className ?? 'btn btn--primary'}
      data-testid={testId}
      data-autofocus={autoFocus || undefined}
      onClick={() => void copy()}
    >
      {copied ? 'Copied' : label}
    </button>
  );
}

interface CopyFieldProps extends Omit<CopyButtonProps, 'text' | 'testId' | 'onFail'> {
  value: string;
  /** data-testid of the read-only field. */
  testId?: string;
  buttonTestId?: string;
  ariaLabel?: string;
  /** Extra classes for the row and the field (e.g. the edit token's wider, wrapping field). */
  rowClassName?: string;
  inputClassName?: string;
}

/**
 * A read-only field with its Copy button: the link, watch link or token a dialog hands out.
 * Focusing the field selects it all, and so does a copy the browser refused.
 */
export function CopyField({
  value,
  testId,
  buttonTestId,
  ariaLabel,
  rowClassName,
  inputClassName,
  ...button
}: CopyFieldProps) {
  const input = useRef<HTMLInputElement>(null);
  return (
    <div className={rowClassName ? `share-row ${rowClassName}` : 'share-row'}>
      <input
        ref={input}
        className={inputClassName ? `input input--mono ${inputClassName}` : 'input input--mono'}
        data-testid={testId}
        aria-label={ariaLabel}
        readOnly
        value={value}
        onFocus={(e) => e.target.select()}
      />
      <CopyButton {...button} text={value} testId={buttonTestId} onFail={() => input.current?.select()} />
    </div>
  );
}
