import type { SandboxStore } from '../sandbox/sandbox-store';
import { systemRejected, type ApplyResult } from '../system-error';
import type { NetworkDatabasePort, NetworkDevice } from './network-database.port';

/** A network database kept in the app database: the embedded default. */
export class SandboxNetworkDatabaseDriver implements NetworkDatabasePort {
  constructor(private readonly store: SandboxStore) {}

  async registerDevice(device: NetworkDevice): Promise<ApplyResult> {
    const existing = await this.store.get<NetworkDevice>('network', device.name);
    if (existing) {
      if (existing.mac === device.mac) return 'unchanged';
      throw systemRejected(
        'network',
        `device ${device.name} already exists with another interface card (${existing.mac})`,
      );
    }
    const holder = (await this.store.list<NetworkDevice>('network')).find((d) => d.data.mac === device.mac);
    if (holder) throw systemRejected('network', `MAC ${device.mac} is already on device ${holder.key}`);
    await this.store.put('network', device.name, { ...device }, 'registerDevice');
    return 'applied';
  }

  async removeDevice(name: string): Promise<ApplyResult> {
    return (await this.store.delete('network', name, 'removeDevice')) ? 'applied' : 'unchanged';
  }

  async findDevice(name: string): Promise<NetworkDevice | null> {
    return this.store.get<NetworkDevice>('network', name);
  }

  async findDeviceByMac(mac: string): Promise<NetworkDevice | null> {
    const devices = await this.store.list<NetworkDevice>('network');
    return devices.find((d) => d.data.mac === mac)?.data ?? null;
  }

  async listDevices(page: { namePrefix: string; after?: string; limit: number }): Promise<NetworkDevice[]> {
    const rows = await this.store.page<NetworkDevice>('network', {
      prefix: page.namePrefix,
      after: page.after,
      limit: page.limit,
    });
    return rows.map(({ data }) => data);
  }

  async findDevices(names: string[]): Promise<NetworkDevice[]> {
    return (await this.store.getMany<NetworkDevice>('network', names)).map(({ data }) => data);
  }
}
