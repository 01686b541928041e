import { systemRejected } from '../system-error';
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
 * The deviceInsert record. People are sent by login in `Name`: the site's LanDB resolves logins
 * (a site that wants PersonID needs a directory lookup here).
 */
export function toDeviceInput(device: NetworkDevice): Record<string, unknown> {
  if (!device.location) {
    throw systemRejected(
      'network',
      `device ${device.name} has no location: LanDB needs building, floor and room (an office such as 513/R-024)`,
    );
  }
  return {
    DeviceName: device.name,
    Location: {
      Building: device.location.building,
      Floor: device.location.floor,
      Room: device.location.room,
    },
    Manufacturer: device.manufacturer,
    Model: device.model,
    ...(device.description ? { Description: device.description } : {}),
    ResponsiblePerson: { Name: device.responsible },
    ...(device.user ? { UserPerson: { Name: device.user } } : {}),
  };
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

/** getDeviceInfo's answer; a phone has one card, so the first card's MAC is the device's (or ''). */
export function fromDeviceInfo(answer: unknown): NetworkDevice | null {
  const info = isRecord(answer) ? answer.DeviceInfo : undefined;
  if (!isRecord(info)) return null;
  const cardsWrapper = isRecord(info.NetworkInterfaceCards) ? info.NetworkInterfaceCards.InterfaceCard : [];
  const cards = (Array.isArray(cardsWrapper) ? cardsWrapper : [cardsWrapper]).filter(isRecord);
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

/** A repeated element as node-soap parses it: absent, one record, or an array of them. */
function repeated(wrapper: unknown, element: string): unknown[] {
  const value = isRecord(wrapper) ? wrapper[element] : undefined;
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

/** searchDevice's answer: the matching device names. */
export function fromDeviceNames(answer: unknown): string[] {
  const wrapper = isRecord(answer) ? answer.DeviceNames : undefined;
  return repeated(wrapper, 'DeviceName').filter((n): n is string => typeof n === 'string' && n !== '');
}

/** getDeviceInfoArray's answer: one device per DeviceInfo record. */
export function fromDeviceInfoArray(answer: unknown): NetworkDevice[] {
  const wrapper = isRecord(answer) ? answer.DeviceInfos : undefined;
  return repeated(wrapper, 'DeviceInfo')
    .map((info) => fromDeviceInfo({ DeviceInfo: info }))
    .filter((d): d is NetworkDevice => d !== null);
}
