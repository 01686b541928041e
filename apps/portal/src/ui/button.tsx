import { useId, type ButtonHTMLAttributes, type ReactNode } from 'react';
import { Spinner } from './spinner';

type Variant = 'primary' | 'secondary' | 'danger' | 'ghost';

interface ButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  variant?: Variant;
  /** Shows a spinner and keeps the button from being pressed twice. */
  busy?: boolean;
  /** Why the button cannot be used; shown beside it, and the button is disabled. */
  disabledReason?: string | null;
  children: ReactNode;
}

export function Button({
  variant = 'secondary',
  busy = false,
  disabledReason,
  className,
  children,
  type = 'button',
  ...rest
}: ButtonProps) {
  const reasonId = useId();
  const button = (
    <button
      {...rest}
      type={type}
      className={`btn btn-${variant}${className ? ` ${className}` : ''}`}
      disabled={rest.disabled || busy || !!disabledReason}
      aria-busy={busy || undefined}
      aria-describedby={disabledReason ? reasonId : rest['aria-describedby']}
    >
      {busy ? <Spinner /> : null}
      {children}
    </button>
  );
  if (!disabledReason) return button;
  return (
    <span className="btn-with-reason">
      {button}
      <span id={reasonId} className="disabled-reason">
        {disabledReason}
      </span>
    </span>
  );
}
