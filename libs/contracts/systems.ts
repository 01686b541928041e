/**
 * The systems a request's steps act on. `inventory` is Switchboard's own database; every other one
 * is a downstream system behind a port (libs/systems/<system>).
 */
export const SYSTEMS = [
  'inventory',
  'directory',
  'pbx',
  'network',
  'dhcp',
  'provisioning',
  'legacy',
  'mail',
] as const;
export type SystemName = (typeof SYSTEMS)[number];

export function isSystemName(value: string): value is SystemName {
  return (SYSTEMS as readonly string[]).includes(value);
}
