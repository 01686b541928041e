import type { ApplyResult } from '../system-error';

/** One SIP line on the phone (`reg.<index>.*` in a Polycom file). */
export interface PhoneLine {
  index: number;
  /** The 5-digit extension: SIP user and auth id. */
  extension: string;
  /** Shown next to the line key. */
  label: string;
  displayName: string;
}

/** A D60 DECT base paired with the phone, and the numbers its handsets ring. */
export interface D60Block {
  /** Canonical MAC of the base. */
  baseMac: string;
  handsets: Array<{ slot: number; extension: string }>;
}

/**
 * What a phone's `<mac>.cfg` is rendered from. No password: the provisioning server reads each
 * line's SIP password from the vault when it renders the file for an authenticated phone.
 */
export interface PhoneConfig {
  /** Which template renders the file (`polycom`, …): `phone_models.family`. */
  family: string;
  modelId: string;
  /** The registrar the lines register with (`reg.1.server.1.address`). */
  sipServer: string;
  lines: PhoneLine[];
  d60: D60Block | null;
}

/** A configuration as the provisioning server holds it. */
export interface PublishedConfig {
  mac: string;
  servable: boolean;
  revision: number;
  config: PhoneConfig;
  publishedAt: Date | null;
  lastFetchAt: Date | null;
  lastFetchedRevision: number | null;
}

/**
 * The IP-phone provisioning server: Switchboard's own HTTP app, serving `<mac>.cfg` to phones that
 * present their per-device secret in the boot URL DHCP gave them (`<PROVISIONING_URL>/p/<secret>/`).
 * Writes are idempotent: publishing the same content again and withdrawing what is gone succeed.
 */
export interface ProvisioningPort {
  /**
   * The boot URL for the phone at this MAC, with its per-device secret: created on first use
   * (32 random bytes, base64url), the same afterwards. The phone must be registered in the inventory.
   */
  bootUrl(mac: string): Promise<{ url: string; result: ApplyResult }>;
  /** Makes `<mac>.cfg` servable with this content; a changed content is a new revision. */
  publishConfig(mac: string, config: PhoneConfig): Promise<{ revision: number; result: ApplyResult }>;
  /** Stops serving `<mac>.cfg` and drops the per-device secret, so the old boot URL no longer works. */
  withdrawConfig(mac: string): Promise<ApplyResult>;
  /** When the phone last fetched its file since the configuration was published; null if it has not. */
  lastConfigFetch(mac: string): Promise<Date | null>;
  findConfig(mac: string): Promise<PublishedConfig | null>;
}

export const PROVISIONING_PORT = Symbol('PROVISIONING_PORT');
