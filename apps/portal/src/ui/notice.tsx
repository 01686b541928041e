import type { ReactNode } from 'react';

type Tone = 'info' | 'success' | 'warning' | 'error' | 'sandbox';

export function Notice({
  tone = 'info',
  title,
  children,
}: {
  tone?: Tone;
  title?: string;
  children?: ReactNode;
}) {
  // Errors interrupt; everything else is announced politely.
  return (
    <div className={`notice notice-${tone}`} role={tone === 'error' ? 'alert' : 'status'}>
      {title ? <strong className="notice-title">{title}</strong> : null}
      {children ? <div>{children}</div> : null}
    </div>
  );
}

/** The API's message, as it is: it says what was wrong and what to do. */
export function ErrorMessage({ error }: { error: string | null | undefined }) {
  if (!error) return null;
  return <Notice tone="error">{error}</Notice>;
}
