import type { DeviceLocation } from './network-database.port';

/** Reads an office such as `513/R-024` (building/floor-room); null when it does not follow the pattern. */
export function officeLocation(office: string | null | undefined): DeviceLocation | null {
  const match = office ? /^\s*([0-9A-Za-z]+)\/([0-9A-Za-z]+)-([0-9A-Za-z]+)\s*$/.exec(office) : null;
  return match ? { building: match[1], floor: match[2].toUpperCase(), room: match[3].toUpperCase() } : null;
}
