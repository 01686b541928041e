import type { ApplyResult } from '../system-error';

export interface SipAccount {
  /** The 5-digit extension, which is also the SIP username. */
  extension: string;
  displayName: string;
}

/**
 * The PBX: SIP accounts that phones and softphones register with. Every write is idempotent:
 * creating an account that exists updates it, removing one that is gone succeeds.
 */
export interface PbxPort {
  createSipAccount(account: SipAccount & { password: string }): Promise<ApplyResult>;
  /** Removes the account and drops its registrations. */
  removeSipAccount(extension: string): Promise<ApplyResult>;
  getSipAccount(extension: string): Promise<SipAccount | null>;
  setDisplayName(extension: string, displayName: string): Promise<ApplyResult>;
  /** Records the desk phone (by MAC) that carries the line. */
  bindDevice(extension: string, mac: string): Promise<ApplyResult>;
  /** Whether this desk phone (by MAC) carries the line. */
  isDeviceBound(extension: string, mac: string): Promise<boolean>;
  /**
   * Unbinds the desk phone and, in the same write, gives the line `newPassword` and drops its
   * registrations: a phone that leaves keeps its config file, SIP password included, so what it
   * knows must stop working. `unchanged` (and no new password) when the phone was not bound.
   */
  unbindDevice(extension: string, mac: string, newPassword: string): Promise<ApplyResult>;
  /** Whether some device is registered on the line right now (first-boot evidence). */
  isRegistered(extension: string): Promise<boolean>;
  // Reconciliation reads (optional so that drivers written before it still compile; a scan of a
  // driver without them reports that the system could not be read).
  /** Accounts in extension order after `after`: one page of a reconciliation scan. */
  listSipAccounts?(page: { after?: string; limit: number }): Promise<SipAccount[]>;
  /** The accounts among these extensions that exist, in one round trip. */
  findSipAccounts?(extensions: string[]): Promise<SipAccount[]>;
}

export const PBX_PORT = Symbol('PBX_PORT');
