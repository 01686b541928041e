const TONES: Record<string, string> = {
  ACTIVE: 'ok',
  COMPLETED: 'ok',
  SUCCEEDED: 'ok',
  DONE: 'ok',
  YES: 'ok',
  RUNNING: 'busy',
  ACCEPTED: 'busy',
  PROVISIONING: 'busy',
  MIGRATING: 'busy',
  COMPENSATING: 'warn',
  REQUESTED: 'busy',
  NETWORK_REGISTERED: 'busy',
  CONFIG_PUBLISHED: 'busy',
  PENDING_FIRST_BOOT: 'busy',
  CONFIG_FETCHED: 'busy',
  UNREGISTERING: 'busy',
  STARTING: 'busy',
  PENDING: 'idle',
  READY: 'idle',
  NOT_RUN: 'idle',
  NONE: 'idle',
  LEGACY: 'idle',
  SCHEDULED: 'idle',
  SKIPPED: 'warn',
  SOON: 'warn',
  NEEDS_ATTENTION: 'warn',
  DEACTIVATED: 'warn',
  QUARANTINED: 'idle',
  FAILED: 'bad',
  CANCELLED: 'bad',
  NO: 'bad',
  REMOVED: 'idle',
};

export function humanise(value: string): string {
  const text = value.replace(/_/g, ' ').toLowerCase();
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** A status as a coloured pill; the words carry the meaning, the colour only helps. */
export function StatusPill({ status, label }: { status: string; label?: string }) {
  return (
    <span className={`pill pill-${TONES[status] ?? 'idle'}`} data-status={status}>
      {label ?? humanise(status)}
    </span>
  );
}
