import type { RequestInput } from './request-input';

/** Skype for Business and vendor IP lines: they may carry a desk phone, re-registered after the move. */
export const MIGRATE_FROM_SKYPE = 'migrateFromSkypeWorkflow';
/** Analogue lines: no IP phone to carry over. */
export const MIGRATE_FROM_ANALOGUE = 'migrateFromAnalogueWorkflow';

/** What a legacy number becomes. */
export type MigrationTarget = 'PERSONAL' | 'SHARED';

/** The old service a legacy number lives on. */
export type LegacyServiceName = 'SKYPE' | 'ANALOGUE' | 'VENDOR_IP';

/**
 * Input of both migration workflows (docs/domain.md §6 "Migrate from Skype for Business" and "Migrate from analogue").
 * The workflow id is `workflowIds.number(number)`; the API (or a campaign) holds the locks on
 * `number:<n>`, on the person's personal slot for a personal migration, and on the desk phone's MAC
 * when one may be re-registered.
 */
export interface MigrateLegacyInput extends RequestInput {
  number: string;
  as: MigrationTarget;
  service: LegacyServiceName;
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
export function migrationWorkflowFor(service: LegacyServiceName): string {
  return service === 'ANALOGUE' ? MIGRATE_FROM_ANALOGUE : MIGRATE_FROM_SKYPE;
}

/** Request kinds, as shown in `myRequests`. */
export function migrationKind(service: LegacyServiceName, as: MigrationTarget): string {
  return `MIGRATE_${service === 'ANALOGUE' ? 'ANALOGUE' : 'SKYPE'}_${as}`;
}

/** The managers e-group of a shared number (docs/domain.md §3). */
export function managersGroupOf(number: string): string {
  return `phone-mngr-${number}`;
}
