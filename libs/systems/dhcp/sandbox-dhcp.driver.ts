import type { SandboxStore } from '../sandbox/sandbox-store';
import type { ApplyResult } from '../system-error';
import type { DhcpPort, HostReservation } from './dhcp.port';

/** A DHCP server kept in the app database, handing out 10.50.x.y: the embedded default. */
export class SandboxDhcpDriver implements DhcpPort {
  constructor(private readonly store: SandboxStore) {}

  async reserveHost(request: {
    mac: string;
    hostname: string;
    bootUrl: string;
  }): Promise<{ reservation: HostReservation; result: ApplyResult }> {
    const existing = await this.store.get<HostReservation>('dhcp', request.mac);
    if (existing && existing.hostname === request.hostname && existing.bootUrl === request.bootUrl) {
      return { reservation: existing, result: 'unchanged' };
    }
    const ipAddress = existing?.ipAddress ?? (await this.freeAddress());
    const reservation: HostReservation = { ...request, ipAddress };
    await this.store.put('dhcp', request.mac, reservation, 'reserveHost');
    return { reservation, result: 'applied' };
  }

  async releaseHost(mac: string): Promise<ApplyResult> {
    return (await this.store.delete('dhcp', mac, 'releaseHost')) ? 'applied' : 'unchanged';
  }

  async findReservation(mac: string): Promise<HostReservation | null> {
    return this.store.get<HostReservation>('dhcp', mac);
  }

  async listReservations(page: { after?: string; limit: number }): Promise<HostReservation[]> {
    return (await this.store.page<HostReservation>('dhcp', page)).map(({ data }) => data);
  }

  async findReservations(macs: string[]): Promise<HostReservation[]> {
    return (await this.store.getMany<HostReservation>('dhcp', macs)).map(({ data }) => data);
  }

  private async freeAddress(): Promise<string> {
    const used = new Set((await this.store.list<HostReservation>('dhcp')).map((r) => r.data.ipAddress));
    for (let i = 10; i < 65_000; i += 1) {
      const address = `10.50.${Math.floor(i / 250)}.${(i % 250) + 1}`;
      if (!used.has(address)) return address;
    }
    throw new Error('the sandbox DHCP range is full');
  }
}
