import type { Compatibility } from '../domain/phone-compatibility';
import type { LegacyService } from '../domain/legacy-migration';
import type { NumberType } from '../domain/number-type';
import type { RequestKind } from './request-kind';
import type { RequestInput } from './request-input';

/** Skype for Business and vendor IP lines: they may carry a desk phone, re-registered after the move. */
export const MIGRATE_FROM_SKYPE = 'migrateFromSkypeWorkflow';
/** Analogue lines: no IP phone to carry over. */
export const MIGRATE_FROM_ANALOGUE = 'migrateFromAnalogueWorkflow';

/** What a legacy number becomes: a personal or a shared number. */
export type MigrationTarget = NumberType;

/**
 * Input of both migration workflows (docs/domain.md §6 "Migrate from Skype for Business" and "Migrate from analogue").
 * The workflow id is `workflowIds.number(number)`; the API (or a campaign) holds the locks on
 * `number:<n>`, on the person's personal slot for a personal migration, and on the desk phone's MAC
 * when one may be re-registered.
 */
export interface MigrateLegacyInput extends RequestInput {
  number: string;
  as: MigrationTarget;
  service: LegacyService;
  /** Shared: the phonebook description (required); personal: null. */
  description: string | null;
  /** Shared: members of the managers e-group `phone-mngr-<number>` besides the owner. */
  managers: string[];
  /** Who the phonebook listed the number under when the request was made (restored on undo). */
  listedUnder: string[];
  /** The requester's office, for the desk phone's network registration. */
  office: string | null;
  /** The MAC the request locked for the legacy desk phone, if any. */
  lockedPhoneMac: string | null;
  /** How long a re-registered desk phone may take to boot before its request parks. */
  firstBootTimeoutMs: number;
}

/** The workflow that migrates a number from its legacy service. */
export function migrationWorkflowFor(service: LegacyService): string {
  return service === 'ANALOGUE' ? MIGRATE_FROM_ANALOGUE : MIGRATE_FROM_SKYPE;
}

/** The kind of a migration request; vendor IP lines migrate as Skype ones do. */
export function migrationKind(service: LegacyService, as: MigrationTarget): RequestKind {
  return `MIGRATE_${service === 'ANALOGUE' ? 'ANALOGUE' : 'SKYPE'}_${as}` as const;
}

/** What the migration needs to know of the legacy line, captured before anything changes. */
export interface LegacySnapshot {
  number: string;
  service: 'SKYPE' | 'ANALOGUE' | 'VENDOR_IP';
  displayName: string | null;
  phone: { modelId: string; mac: string; modelName: string | null; compatible: Compatibility | null } | null;
  settings: Record<string, string>;
}
