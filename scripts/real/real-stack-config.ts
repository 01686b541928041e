import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseEnv } from 'node:util';
import { repositoryRoot } from '../../libs/config/repository-root';

/**
 * The real stack's one configuration: docker/real-stack.env, read by docker-compose.yml (`env_file`)
 * and by `npm run start:real`. Each of the two adds only where it reaches the systems: the
 * {@link ADDRESS_VARIABLES}, container names in compose and loopback ports here. Every other setting
 * (drivers, bind DNs, SIP domain, Kea subnet, client id …) lives in the file alone, so the two cannot
 * drift apart; scripts/real/docker-compose.spec.ts checks that neither overrides it.
 */

export const REAL_STACK_ENV_FILE = 'docker/real-stack.env';

/** Where the apps reach each system and are reached: set per environment, never in the shared file. */
export const ADDRESS_VARIABLES = [
  'DATABASE_URL',
  'TEMPORAL_ADDRESS',
  'TEMPORAL_UI_URL',
  'API_HOST',
  'API_PORT',
  'PUBLIC_URL',
  'PROVISIONING_URL',
  'LDAP_URL',
  'KAMAILIO_DATABASE_URL',
  'SMTP_URL',
  'KEA_DATABASE_URL',
  'LANDB_WSDL_URL',
  'LANDB_ENDPOINT_URL',
  'OIDC_ISSUER',
] as const;
export type AddressVariable = (typeof ADDRESS_VARIABLES)[number];

/**
 * Variables of one app only (the provisioning server's listener and upload folder): compose sets
 * them on that service, and start:real leaves them to `npm start`'s defaults.
 */
export const SERVICE_VARIABLES = [
  'PROVISIONING_HOST',
  'PROVISIONING_PORT',
  'PROVISIONING_UPLOAD_DIR',
] as const;

/** docker/real-stack.env, parsed as Docker Compose and Node read it (KEY=value lines, # comments). */
export function readRealStackEnv(root: string = repositoryRoot()): Record<string, string> {
  const parsed = parseEnv(readFileSync(join(root, REAL_STACK_ENV_FILE), 'utf8'));
  return Object.fromEntries(Object.entries(parsed).filter((e): e is [string, string] => e[1] !== undefined));
}

/**
 * Problems that would let the two environments differ: a shared setting given an address's name,
 * or an address (or anything else) set beside the shared file.
 */
export function overridesOf(shared: Record<string, string>, own: Record<string, unknown>): string[] {
  const problems: string[] = [];
  const allowed = new Set<string>([...ADDRESS_VARIABLES, ...SERVICE_VARIABLES]);
  for (const name of Object.keys(shared))
    if (allowed.has(name))
      problems.push(`${name}: an address, set per environment, not in ${REAL_STACK_ENV_FILE}`);
  for (const name of Object.keys(own)) {
    if (name in shared) problems.push(`${name}: overrides ${REAL_STACK_ENV_FILE}`);
    else if (!allowed.has(name)) problems.push(`${name}: not an address; set it in ${REAL_STACK_ENV_FILE}`);
  }
  return problems;
}

/** The shared file plus this environment's addresses; throws if the addresses override anything. */
export function realStackEnv(
  addresses: Record<AddressVariable, string>,
  root: string = repositoryRoot(),
): Record<string, string> {
  const shared = readRealStackEnv(root);
  const problems = overridesOf(shared, addresses);
  if (problems.length > 0) throw new Error(`start:real configuration:\n  ${problems.join('\n  ')}`);
  return { ...shared, ...addresses };
}

export interface KeaSubnet {
  id: number;
  subnet: string;
  pools: string[];
}

/** Subnet 1 of docker/kea/kea-dhcp4.conf (Kea allows // comments): compose's Kea and start:real's serve it. */
export function readKeaSubnet(root: string = repositoryRoot()): KeaSubnet {
  const text = readFileSync(join(root, 'docker', 'kea', 'kea-dhcp4.conf'), 'utf8').replace(
    /^\s*\/\/.*$/gm,
    '',
  );
  const dhcp4 = (
    JSON.parse(text) as {
      Dhcp4: { subnet4: Array<{ id: number; subnet: string; pools: { pool: string }[] }> };
    }
  ).Dhcp4;
  const [subnet] = dhcp4.subnet4;
  return { id: subnet.id, subnet: subnet.subnet, pools: subnet.pools.map((p) => p.pool) };
}
