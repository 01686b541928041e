import { systemRejected } from '../system-error';
import { encoded, type Encoded } from './landb-encoding';
import type { DeviceLocation, NetworkDevice } from './network-database.port';

// Switchboard's NetworkDevice ↔ LanDB's DeviceInput / DeviceInfo records.

const CANONICAL_MAC = /^[0-9a-f]{12}$/;

/** Canonical (12 lowercase hex digits) from any spelling with `:` `-` `.` or none. */
export function canonicalMac(mac: string): string | undefined {
  const canonical = mac.replace(/[:.-]/g, '').toLowerCase();
  return CANONICAL_MAC.test(canonical) ? canonical : undefined;
}

/** LanDB's own spelling: AA-BB-CC-DD-EE-FF. */
export function landbHardwareAddress(mac: string): string {
  const canonical = canonicalMac(mac);
  if (!canonical) throw systemRejected('network', `"${mac}" is not a MAC address (12 hex digits expected)`);
  return (canonical.match(/../g) ?? []).join('-').toUpperCase();
}

/**
 * The deviceInsert record (types:DeviceInput). People are sent by login in `Name`: the site's LanDB
 * resolves logins (a site that wants PersonID needs a directory lookup here). OperatingSystem is
 * not nillable in LanDB's DeviceInput; a desk phone has none to name, so UNKNOWN, as LanDB's own
 * VM tooling sends for devices without one.
 */
export function toDeviceInput(device: NetworkDevice): Encoded {
  if (!device.location) {
    throw systemRejected(
      'network',
      `device ${device.name} has no location: LanDB needs building, floor and room (an office such as 513/R-024)`,
    );
  }
  const personInput = (login: string): Encoded =>
    encoded.struct('PersonInput', { Name: encoded.string(login) });
  return encoded.struct('DeviceInput', {
    DeviceName: encoded.string(device.name),
    Location: encoded.struct('Location', {
      Building: encoded.string(device.location.building),
      Floor: encoded.string(device.location.floor),
      Room: encoded.string(device.location.room),
    }),
    Manufacturer: encoded.string(device.manufacturer),
    Model: encoded.string(device.model),
    Description: device.description ? encoded.string(device.description) : undefined,
    OperatingSystem: encoded.struct('OperatingSystem', {
      Name: encoded.string('UNKNOWN'),
      Version: encoded.string('UNKNOWN'),
    }),
    ResponsiblePerson: personInput(device.responsible),
    UserPerson: device.user ? personInput(device.user) : undefined,
  });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

function location(value: unknown): DeviceLocation | null {
  if (!isRecord(value)) return null;
  return { building: text(value.Building), floor: text(value.Floor), room: text(value.Room) };
}

/** One DeviceInfo record (decoded); a phone has one card, so the first card's MAC is the device's (or ''). */
export function fromDeviceInfo(info: unknown): NetworkDevice | null {
  if (!isRecord(info)) return null;
  const cards = (Array.isArray(info.NetworkInterfaceCards) ? info.NetworkInterfaceCards : []).filter(
    isRecord,
  );
  const mac = cards.map((card) => canonicalMac(text(card.HardwareAddress))).find((m) => m !== undefined);
  const person = (value: unknown): string => (isRecord(value) ? text(value.Name) : '');
  return {
    name: text(info.DeviceName),
    location: location(info.Location),
    manufacturer: text(info.Manufacturer),
    model: text(info.Model),
    responsible: person(info.ResponsiblePerson),
    user: person(info.UserPerson),
    ...(typeof info.Description === 'string' ? { description: info.Description } : {}),
    mac: mac ?? '',
  };
}

/** searchDevice's DeviceList (decoded): the matching device names. */
export function fromDeviceNames(list: unknown): string[] {
  return (Array.isArray(list) ? list : []).filter((n): n is string => typeof n === 'string' && n !== '');
}

/** getDeviceInfoArray's DeviceInfoList (decoded): one device per DeviceInfo record. */
export function fromDeviceInfoArray(list: unknown): NetworkDevice[] {
  return (Array.isArray(list) ? list : []).map(fromDeviceInfo).filter((d): d is NetworkDevice => d !== null);
}
