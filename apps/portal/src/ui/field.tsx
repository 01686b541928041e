import { useId, type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes } from 'react';

interface FieldShell {
  label: string;
  hint?: ReactNode;
  error?: string | null;
}

/** The attributes that tie a control to its hint and error, so screen readers announce both. */
interface ControlLinks {
  id: string;
  'aria-invalid'?: true;
  'aria-describedby'?: string;
}

/**
 * A labelled field: the label, the control, its hint and its error (announced as an alert). Every
 * input of the portal goes through it, so none can be left without a label.
 */
function Field({
  label,
  hint,
  error,
  control,
}: FieldShell & { control: (links: ControlLinks) => ReactNode }) {
  const id = useId();
  const described = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean);
  return (
    <div className={`field${error ? ' field-invalid' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {control({
        id,
        'aria-invalid': error ? true : undefined,
        'aria-describedby': described.length > 0 ? described.join(' ') : undefined,
      })}
      {hint ? (
        <span id={`${id}-hint`} className="field-hint">
          {hint}
        </span>
      ) : null}
      {error ? (
        <span id={`${id}-error`} className="field-error" role="alert">
          {error}
        </span>
      ) : null}
    </div>
  );
}

export function TextField({
  label,
  hint,
  error,
  ...input
}: FieldShell & Omit<InputHTMLAttributes<HTMLInputElement>, 'id'>) {
  return (
    <Field label={label} hint={hint} error={error} control={(links) => <input {...input} {...links} />} />
  );
}

export function SelectField({
  label,
  hint,
  error,
  children,
  ...select
}: FieldShell & Omit<SelectHTMLAttributes<HTMLSelectElement>, 'id'>) {
  return (
    <Field
      label={label}
      hint={hint}
      error={error}
      control={(links) => (
        <select {...select} {...links}>
          {children}
        </select>
      )}
    />
  );
}

/** Logins typed as "alan, tim" or one per line. */
export function parseLogins(text: string): string[] {
  return text
    .split(/[\s,;]+/)
    .map((login) => login.trim().toLowerCase())
    .filter(Boolean);
}
