import { DEMO_PEOPLE } from '../../libs/systems/sandbox/demo-data';
import { startLandbSoap, type LandbHandle } from '../../test/servers/landb-soap';
import { startOidcProvider, type OidcProviderHandle } from '../../test/servers/oidc-provider';

/**
 * The two systems a site brings itself and this project can only stand in for: its network database
 * (the LanDB SOAP stand-in the driver tests use) and its OpenID Provider (oidc-provider, a certified
 * implementation, with its development sign-in pages: any password, the login typed is the
 * account). Both take their accounts from the real stack's configuration (docker/real-stack.env),
 * so the apps' credentials and the stand-ins' cannot disagree. Dev tools: they import the test
 * harnesses, and no app imports them.
 */

export interface StandInAddress {
  host: string;
  port: number;
}

export function startLandbStandIn(shared: Record<string, string>, at: StandInAddress): Promise<LandbHandle> {
  return startLandbSoap({
    host: at.host,
    port: at.port,
    accounts: [{ login: need(shared, 'LANDB_USER'), password: need(shared, 'LANDB_PASSWORD') }],
  });
}

/** The demo IdP, its client being Switchboard at `publicUrl`; the demo people have their names. */
export async function startDemoIdp(
  shared: Record<string, string>,
  at: StandInAddress & { publicUrl: string; issuer?: string },
): Promise<OidcProviderHandle> {
  const idp = await startOidcProvider({
    relyingPartyUrl: at.publicUrl,
    clientId: need(shared, 'OIDC_CLIENT_ID'),
    clientSecret: need(shared, 'OIDC_CLIENT_SECRET'),
    host: at.host,
    port: at.port,
    issuer: at.issuer,
  });
  for (const person of DEMO_PEOPLE) idp.accounts.set(person.login, { name: person.displayName });
  return idp;
}

function need(shared: Record<string, string>, name: string): string {
  const value = shared[name];
  if (!value) throw new Error(`${name} is missing from docker/real-stack.env`);
  return value;
}
