export function Spinner({ label }: { label?: string }) {
  return (
    <span className="spinner-wrap">
      <span className="spinner" aria-hidden="true" />
      {label ? <span>{label}</span> : null}
    </span>
  );
}

/** A region that says something is loading, to screen readers too. */
export function Loading({ what }: { what: string }) {
  return (
    <p role="status" className="loading">
      <Spinner label={`Loading ${what}…`} />
    </p>
  );
}
