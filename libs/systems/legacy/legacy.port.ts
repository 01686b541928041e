import type { LegacyService } from '../../domain/legacy-migration';
import type { ApplyResult } from '../system-error';

/** What a legacy line is configured with, captured before migration so it can be reproduced. */
export interface LegacyLineConfig {
  number: string;
  service: LegacyService;
  displayName: string | null;
  /** A desk phone on the line, if any (re-registered after migration when compatible). */
  phone: { modelId: string; mac: string } | null;
  /** Everything else the legacy system holds, kept verbatim for the record. */
  settings: Record<string, string>;
  active: boolean;
}

/** The legacy telephony services (Skype for Business, analogue lines, vendor IP service). */
export interface LegacyTelephonyPort {
  snapshotLine(number: string): Promise<LegacyLineConfig | null>;
  /** Switches the legacy line off: the migration's point of no return. Already off is success. */
  deactivateLine(number: string): Promise<ApplyResult>;
}

export const LEGACY_PORT = Symbol('LEGACY_PORT');
