import { runCommand } from '../../servers/kea-process';
import { POLYCOM_USER_AGENT, type PhoneResponse } from './phone-http';

// One HTTP request made from inside a network namespace (the phone's), by a Node process started
// there with `ip netns exec`, so the provisioning server sees the phone's own source address.
const FETCH_SCRIPT = `
const [url, agent, localAddress, method, body] = process.argv.slice(1);
const req = require('node:http').request(url, { method, headers: { 'user-agent': agent }, localAddress: localAddress || undefined }, (res) => {
  const chunks = [];
  res.on('data', (c) => chunks.push(c));
  res.on('end', () => process.stdout.write(JSON.stringify({ status: res.statusCode, body: Buffer.concat(chunks).toString('utf8'), headers: res.headers })));
});
req.on('error', (e) => { process.stderr.write(String(e)); process.exit(3); });
req.setTimeout(10000, () => req.destroy(new Error('timeout')));
req.end(method === 'PUT' ? body : undefined);
`;

/** GETs (or PUTs) `url` from the namespace `netns` as a Polycom phone would, optionally from one of its addresses. */
export async function fetchFromNamespace(
  netns: string,
  url: string,
  options: { localAddress?: string; method?: 'GET' | 'PUT'; body?: string } = {},
): Promise<PhoneResponse> {
  const { stdout } = await runCommand('ip', [
    'netns', 'exec', netns, process.execPath, '-e', FETCH_SCRIPT, url, POLYCOM_USER_AGENT,
    options.localAddress ?? '', options.method ?? 'GET', options.body ?? '',
  ]); // prettier-ignore
  return JSON.parse(stdout) as PhoneResponse;
}

/** Gives the phone's interface the address DHCP leased it (dhclient's script only records the lease). */
export async function addAddress(netns: string, device: string, address: string, prefixLength: number) {
  await runCommand('ip', ['-n', netns, 'addr', 'add', `${address}/${prefixLength}`, 'dev', device]);
}
