import type { DeviceLocation, NetworkDevice } from '../../contracts/system-records';
import type { ApplyResult } from '../system-error';

export type { DeviceLocation, NetworkDevice };

/**
 * The network database (LanDB at the reference site). Idempotent: registering a device that is
 * already there with the same card succeeds; a clash (same name with another MAC, or the MAC on
 * another device) is a permanent rejection.
 */
export interface NetworkDatabasePort {
  registerDevice(device: NetworkDevice): Promise<ApplyResult>;
  removeDevice(name: string): Promise<ApplyResult>;
  findDevice(name: string): Promise<NetworkDevice | null>;
  // Reconciliation reads (optional: see PbxPort).
  /** The device whose interface card has this MAC, if any. */
  findDeviceByMac?(mac: string): Promise<NetworkDevice | null>;
  /** Devices whose name starts with `namePrefix`, in name order after `after`: one page of a scan. */
  listDevices?(page: { namePrefix: string; after?: string; limit: number }): Promise<NetworkDevice[]>;
  /** The devices among these names that exist, in one round trip. */
  findDevices?(names: string[]): Promise<NetworkDevice[]>;
}

export const NETWORK_PORT = Symbol('NETWORK_PORT');
