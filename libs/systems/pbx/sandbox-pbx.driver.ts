import { createHash } from 'node:crypto';
import type { SandboxStore } from '../sandbox/sandbox-store';
import { systemRejected, type ApplyResult } from '../system-error';
import type { PbxPort, SipAccount } from './pbx.port';

interface StoredAccount extends SipAccount {
  /** Kept like Kamailio keeps it, so the sandbox never stores a plain password either. */
  ha1: string;
  /** MACs of the desk phones bound to the line. */
  devices?: string[];
  /** Set by `simulateRegistration` (a sandbox stand-in for a phone's REGISTER). */
  registeredAt?: string;
}

/** A PBX that keeps SIP accounts in the app database: the embedded default for `npm start`. */
export class SandboxPbxDriver implements PbxPort {
  constructor(
    private readonly store: SandboxStore,
    private readonly realm: string,
  ) {}

  private ha1(extension: string, password: string): string {
    return createHash('md5').update(`${extension}:${this.realm}:${password}`).digest('hex');
  }

  async createSipAccount(account: SipAccount & { password: string }): Promise<ApplyResult> {
    const ha1 = this.ha1(account.extension, account.password);
    const existing = await this.store.get<StoredAccount>('pbx', account.extension);
    if (existing && existing.ha1 === ha1 && existing.displayName === account.displayName) return 'unchanged';
    await this.store.put(
      'pbx',
      account.extension,
      { ...existing, extension: account.extension, displayName: account.displayName, ha1 },
      'createSipAccount',
    );
    return 'applied';
  }

  async removeSipAccount(extension: string): Promise<ApplyResult> {
    return (await this.store.delete('pbx', extension, 'removeSipAccount')) ? 'applied' : 'unchanged';
  }

  async getSipAccount(extension: string): Promise<SipAccount | null> {
    const stored = await this.store.get<StoredAccount>('pbx', extension);
    return stored ? { extension: stored.extension, displayName: stored.displayName } : null;
  }

  async setDisplayName(extension: string, displayName: string): Promise<ApplyResult> {
    const stored = await this.store.get<StoredAccount>('pbx', extension);
    if (!stored) throw systemRejected('pbx', `there is no SIP account ${extension} to rename`);
    if (stored.displayName === displayName) return 'unchanged';
    await this.store.put('pbx', extension, { ...stored, displayName }, 'setDisplayName');
    return 'applied';
  }

  async bindDevice(extension: string, mac: string): Promise<ApplyResult> {
    const stored = await this.store.get<StoredAccount>('pbx', extension);
    if (!stored) throw systemRejected('pbx', `there is no SIP account ${extension} to bind a phone to`);
    if (stored.devices?.includes(mac)) return 'unchanged';
    await this.store.put(
      'pbx',
      extension,
      { ...stored, devices: [...(stored.devices ?? []), mac] },
      'bindDevice',
    );
    return 'applied';
  }

  async isDeviceBound(extension: string, mac: string): Promise<boolean> {
    return Boolean((await this.store.get<StoredAccount>('pbx', extension))?.devices?.includes(mac));
  }

  async unbindDevice(extension: string, mac: string, newPassword: string): Promise<ApplyResult> {
    const stored = await this.store.get<StoredAccount>('pbx', extension);
    if (!stored?.devices?.includes(mac)) return 'unchanged';
    await this.store.put(
      'pbx',
      extension,
      {
        ...stored,
        devices: stored.devices.filter((d) => d !== mac),
        ha1: this.ha1(extension, newPassword),
        registeredAt: undefined,
      },
      'unbindDevice',
    );
    return 'applied';
  }

  async isRegistered(extension: string): Promise<boolean> {
    return Boolean((await this.store.get<StoredAccount>('pbx', extension))?.registeredAt);
  }

  async listSipAccounts(page: { after?: string; limit: number }): Promise<SipAccount[]> {
    const rows = await this.store.page<StoredAccount>('pbx', page);
    return rows.map(({ data }) => ({ extension: data.extension, displayName: data.displayName }));
  }

  async findSipAccounts(extensions: string[]): Promise<SipAccount[]> {
    const rows = await this.store.getMany<StoredAccount>('pbx', extensions);
    return rows.map(({ data }) => ({ extension: data.extension, displayName: data.displayName }));
  }

  /** The sandbox's stand-in for a phone registering (the portal's demo and tests use it). */
  async simulateRegistration(extension: string): Promise<void> {
    const stored = await this.store.get<StoredAccount>('pbx', extension);
    if (!stored) throw systemRejected('pbx', `there is no SIP account ${extension} to register on`);
    await this.store.put('pbx', extension, { ...stored, registeredAt: new Date().toISOString() }, 'register');
  }
}
