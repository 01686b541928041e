import {
  keaApplyConfig,
  keaConfigGet,
  OPTION_BOOT_SERVER,
  OPTION_POLYCOM_PROVISIONING,
  type KeaReservation,
} from '../test/servers/kea';
import { formatMacAddress } from '../libs/domain/mac-address';
import { ipv4ToNumber, numberToIpv4, type Ipv4Range } from '../libs/systems/dhcp/ipv4';

// The control-agent alternative to the PostgreSQL host backend, kept as a measured prototype (see
// docs/dhcp.md): every write is config-get → edit subnet4[].reservations → config-test → config-set
// → config-write, so it costs O(reservations) and two writers at once lose one of the edits.

export interface AgentTarget {
  controlUrl: string;
  subnetId: number;
  reservedRange: Ipv4Range;
}

function reservation(mac: string, ip: string, hostname: string, bootUrl: string): KeaReservation {
  return {
    'hw-address': formatMacAddress(mac, 'colon'),
    'ip-address': ip,
    hostname,
    'option-data': [
      { code: OPTION_BOOT_SERVER.code, space: OPTION_BOOT_SERVER.space, data: bootUrl },
      { code: OPTION_POLYCOM_PROVISIONING.code, space: OPTION_POLYCOM_PROVISIONING.space, data: bootUrl },
    ],
  };
}

/** Adds (or updates in place) the reservation of `mac`; true when the config changed. */
export async function agentReserve(
  target: AgentTarget,
  request: { mac: string; hostname: string; bootUrl: string },
): Promise<{ ipAddress: string; changed: boolean }> {
  const dhcp4 = await keaConfigGet(target.controlUrl);
  const subnet = dhcp4.subnet4?.find((s) => s.id === target.subnetId);
  if (!subnet) throw new Error(`subnet ${target.subnetId} is not in Kea's running config`);
  const list = subnet.reservations ?? [];
  const hw = formatMacAddress(request.mac, 'colon');
  const existing = list.find((r) => r['hw-address'] === hw);
  const used = new Set(list.map((r) => (r['ip-address'] ? ipv4ToNumber(r['ip-address']) : -1)));
  let address = existing?.['ip-address'];
  for (let a = target.reservedRange.first; address === undefined && a <= target.reservedRange.last; a += 1)
    if (!used.has(a)) address = numberToIpv4(a);
  if (address === undefined) throw new Error('the reserved range is full');
  const wanted = reservation(request.mac, address, request.hostname, request.bootUrl);
  if (existing && existing.hostname === wanted.hostname && existing['ip-address'] === address) {
    return { ipAddress: address, changed: false };
  }
  subnet.reservations = [...list.filter((r) => r['hw-address'] !== hw), wanted];
  await keaApplyConfig(target.controlUrl, dhcp4);
  return { ipAddress: address, changed: true };
}

export async function agentRelease(target: AgentTarget, mac: string): Promise<boolean> {
  const dhcp4 = await keaConfigGet(target.controlUrl);
  const subnet = dhcp4.subnet4?.find((s) => s.id === target.subnetId);
  if (!subnet) throw new Error(`subnet ${target.subnetId} is not in Kea's running config`);
  const hw = formatMacAddress(mac, 'colon');
  const list = subnet.reservations ?? [];
  if (!list.some((r) => r['hw-address'] === hw)) return false;
  subnet.reservations = list.filter((r) => r['hw-address'] !== hw);
  await keaApplyConfig(target.controlUrl, dhcp4);
  return true;
}

/**
 * `count` reservations from the bottom of the range, as a filled site has them, so the next
 * reservation lands above them (and never on an address a previous round leased to another MAC).
 */
export function agentPreload(target: AgentTarget, count: number, bootUrl: string): KeaReservation[] {
  return Array.from({ length: count }, (_, i) =>
    reservation(
      `0a${(i + 1).toString(16).padStart(10, '0')}`,
      numberToIpv4(target.reservedRange.first + i),
      `PRELOAD-${i}`,
      bootUrl,
    ),
  );
}
