import type { LegacyService } from '../../domain/legacy-migration';
import type { ApplyResult } from '../system-error';

/** What a legacy line is configured with, captured before migration so it can be reproduced. */
export interface LegacyLineConfig {
  number: string;
  service: LegacyService;
  displayName: string | null;
  /** A desk phone on the line, if any (re-registered after migration when compatible). */
  phone: { modelId: string; mac: string } | null;
  /**
   * Everything else the legacy system holds, kept verbatim for the record. `forwarding` and
   * `voicemail` are settings the person must find again on the new line (docs/legacy-directory.md).
   */
  settings: Record<string, string>;
  active: boolean;
  /**
   * Where the legacy system keeps the line (the directory entries that carry the number), so that
   * {@link LegacyTelephonyPort.reactivateLine} can put it back. Absent when the system needs none.
   */
  holders?: string[];
}

/** A legacy line with the people and the description the phonebook gives it (for the inventory). */
export interface LegacyLineListing {
  line: LegacyLineConfig;
  /** A room's name, or the person's name. */
  description: string | null;
  /** Logins the phonebook lists the number under, sorted. */
  listedUnder: string[];
}

/** The legacy telephony services (Skype for Business, analogue lines, vendor IP service). */
export interface LegacyTelephonyPort {
  snapshotLine(number: string): Promise<LegacyLineConfig | null>;
  /** Switches the legacy line off: the migration's point of no return. Already off is success. */
  deactivateLine(number: string): Promise<ApplyResult>;
  /**
   * The undo of {@link deactivateLine}, given the line's snapshot taken before it: switches the line
   * back on where it was. Already on is 'unchanged'.
   */
  reactivateLine(line: LegacyLineConfig): Promise<ApplyResult>;
}

/** Every line a source holds; a line it cannot read unambiguously is refused with the reason. */
export interface LegacyLineList {
  lines: LegacyLineListing[];
  refused: { number: string; reason: string }[];
}

/** A legacy system that can list every line it holds (the directory driver), for the inventory sync. */
export interface LegacyLineSource {
  listLines(): Promise<LegacyLineList>;
}

export const LEGACY_PORT = Symbol('LEGACY_PORT');
