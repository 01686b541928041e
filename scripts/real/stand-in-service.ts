import { readRealStackEnv } from './real-stack-config';
import { startDemoIdp, startLandbStandIn } from './stand-ins';

/**
 * docker-compose.yml's `landb` and `idp` services: `node dist/scripts/real/stand-in-service.js
 * landb|idp`, listening on 0.0.0.0:STAND_IN_PORT, with the accounts of docker/real-stack.env (the
 * file start:real reads too). The IdP's issuer is OIDC_ISSUER and its client's base PUBLIC_URL, the
 * values the apps get.
 */
async function main(): Promise<void> {
  const which = process.argv[2];
  const shared = readRealStackEnv();
  const at = { host: '0.0.0.0', port: Number(process.env.STAND_IN_PORT) };
  if (!Number.isInteger(at.port) || at.port <= 0) throw new Error('STAND_IN_PORT: expected a port number');
  if (which === 'landb') {
    const landb = await startLandbStandIn(shared, at);
    process.stdout.write(`LanDB stand-in: WSDL at ${landb.wsdlUrl}\n`);
  } else if (which === 'idp') {
    const { OIDC_ISSUER: issuer, PUBLIC_URL: publicUrl } = process.env;
    if (!issuer || !publicUrl) throw new Error('OIDC_ISSUER and PUBLIC_URL: required for the idp stand-in');
    const idp = await startDemoIdp(shared, { ...at, issuer, publicUrl });
    process.stdout.write(`Demo OpenID Provider: ${idp.issuer}\n`);
  } else {
    throw new Error('usage: stand-in-service.js landb|idp');
  }
  process.once('SIGTERM', () => process.exit(0));
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
