import { encoded, type Encoded } from '../../libs/systems/network/landb-encoding';
import { SoapFault } from './landb-encoded-http';

// The LanDB stand-in's records: devices as it stores them, the checks on what a request carries,
// and DeviceInfo as it answers it.

export interface LandbLocation {
  Building: string;
  Floor: string;
  Room: string;
}

export interface LandbPerson {
  Name: string;
  FirstName?: string;
  Department?: string;
  Group?: string;
  PersonID?: number;
}

export interface LandbInterfaceCard {
  /** Canonical form, as LanDB answers it: AA-BB-CC-DD-EE-FF. */
  HardwareAddress: string;
  CardType: string;
}

/** A stored device, in the shape getDeviceInfo answers. */
export interface LandbDevice {
  DeviceName: string;
  Location: LandbLocation;
  Zone?: string;
  Status: string;
  Manufacturer: string;
  Model: string;
  GenericType?: string;
  Description?: string;
  Tag?: string;
  SerialNumber?: string;
  OperatingSystem?: { Name: string; Version: string };
  InventoryNumber?: string;
  ResponsiblePerson: LandbPerson;
  UserPerson?: LandbPerson;
  NetworkInterfaceCards: LandbInterfaceCard[];
  IPv6Ready?: boolean;
  LastChangeDate: string;
}

export function validationError(message: string): SoapFault {
  return new SoapFault(`Validation error: ${message}`);
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function requiredString(parent: Record<string, unknown>, key: string, path: string): string {
  const value = parent[key];
  if (typeof value !== 'string' || value.trim() === '') throw validationError(`${path}.${key} is required`);
  return value.trim();
}

export function optionalString(
  parent: Record<string, unknown>,
  key: string,
  path: string,
): string | undefined {
  const value = parent[key];
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string') throw validationError(`${path}.${key} must be a string`);
  return value;
}

export function requiredRecord(
  parent: Record<string, unknown>,
  key: string,
  path: string,
): Record<string, unknown> {
  const value = parent[key];
  if (!isRecord(value)) throw validationError(`${path}.${key} is required`);
  return value;
}

export function person(value: Record<string, unknown>, path: string): LandbPerson {
  const result: LandbPerson = { Name: requiredString(value, 'Name', path) };
  for (const key of ['FirstName', 'Department', 'Group'] as const) {
    const text = optionalString(value, key, path);
    if (text !== undefined) result[key] = text;
  }
  if (value.PersonID !== undefined && value.PersonID !== null) {
    const id = Number(value.PersonID);
    if (!Number.isInteger(id)) throw validationError(`${path}.PersonID must be an integer`);
    result.PersonID = id;
  }
  return result;
}

const MAC_FORMATS = [
  /^[0-9A-F]{2}([-:])[0-9A-F]{2}(?:\1[0-9A-F]{2}){4}$/i,
  /^[0-9A-F]{4}\.[0-9A-F]{4}\.[0-9A-F]{4}$/i,
  /^[0-9A-F]{12}$/i,
];

/** LanDB's accepted hardware-address spellings, canonicalised to AA-BB-CC-DD-EE-FF. */
export function canonicalHardwareAddress(value: string): string | undefined {
  const trimmed = value.trim();
  if (!MAC_FORMATS.some((format) => format.test(trimmed))) return undefined;
  const hex = trimmed.replace(/[-:.]/g, '').toUpperCase();
  return hex.match(/../g)?.join('-');
}

/** searchDevice's Name: SQL LIKE with `%` for any run of characters, case-insensitive as LanDB's. */
export function likePattern(name: string): RegExp {
  const body = name
    .split('%')
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${body}$`, 'i');
}

const text = (value: string | undefined): Encoded =>
  value === undefined ? encoded.nil() : encoded.string(value);

function personOut(value: LandbPerson | undefined): Encoded {
  if (!value) return encoded.nil();
  return encoded.struct('Person', {
    Name: encoded.string(value.Name),
    FirstName: encoded.string(value.FirstName ?? ''),
    Department: text(value.Department),
    Group: text(value.Group),
    Email: encoded.nil(),
    CCID: value.PersonID === undefined ? encoded.nil() : encoded.long(value.PersonID),
  });
}

/** A stored device as getDeviceInfo's DeviceInfo record (nillable fields nil when unknown). */
export function deviceInfo(device: LandbDevice): Encoded {
  const changed = new Date(device.LastChangeDate);
  const os = device.OperatingSystem ?? { Name: 'UNKNOWN', Version: 'UNKNOWN' };
  return encoded.struct('DeviceInfo', {
    DeviceName: encoded.string(device.DeviceName),
    Location: encoded.struct('Location', {
      Building: encoded.string(device.Location.Building),
      Floor: encoded.string(device.Location.Floor),
      Room: encoded.string(device.Location.Room),
    }),
    Zone: text(device.Zone),
    Status: encoded.string(device.Status),
    Manufacturer: encoded.string(device.Manufacturer),
    Model: encoded.string(device.Model),
    GenericType: encoded.string(device.GenericType ?? 'TELEPHONE'),
    Description: text(device.Description),
    OperatingSystem: encoded.struct('OperatingSystem', {
      Name: encoded.string(os.Name),
      Version: encoded.string(os.Version),
    }),
    ResponsiblePerson: personOut(device.ResponsiblePerson),
    UserPerson: personOut(device.UserPerson),
    NetworkInterfaceCards: encoded.array(
      'types:InterfaceCard',
      device.NetworkInterfaceCards.map((card) =>
        encoded.struct('InterfaceCard', {
          HardwareAddress: encoded.string(card.HardwareAddress),
          CardType: encoded.string(card.CardType),
        }),
      ),
    ),
    HCPResponse: encoded.boolean(false),
    LastChangeDate: encoded.struct('Time', {
      TimeUTC: encoded.dateTime(changed),
      unixtime: encoded.long(changed.getTime() / 1000),
    }),
    IPv6Ready: device.IPv6Ready === undefined ? encoded.nil() : encoded.boolean(device.IPv6Ready),
  });
}
