import type { MigrationTarget } from '../../contracts/legacy-migration';
import type { Compatibility } from '../../domain/phone-compatibility';
import type { ApplyResult } from '../system-error';

export interface MarkMigratingCommand {
  requestId: string;
  number: string;
  as: MigrationTarget;
  ownerLogin: string;
}

export interface CompleteMigrationCommand {
  requestId: string;
  number: string;
  /** Shared numbers: the phonebook description; personal: null. */
  description: string | null;
  managersGroup: string | null;
}

export interface MigratedPhoneCommand {
  phoneId: string;
  requestId: string;
  mac: string;
  number: string;
  modelId: string;
  ownerLogin: string;
  office: string | null;
}

/**
 * Switchboard's inventory as the legacy migrations see it: LEGACY → MIGRATING → ACTIVE, back to
 * LEGACY on compensation, NEEDS_ATTENTION when compensation could not finish. Every write is keyed
 * by the request, so a retry finds its own earlier work.
 */
export interface LegacyInventoryPort {
  /** LEGACY → MIGRATING with the type and owner it will have; the personal-number guard applies. */
  markMigrating(command: MarkMigratingCommand): Promise<ApplyResult>;
  /** MIGRATING (by this request) → LEGACY, as it was before. */
  revertMigration(requestId: string, number: string): Promise<ApplyResult>;
  /** MIGRATING (by this request) → NEEDS_ATTENTION: an undo was skipped, a person must look. */
  markNeedsAttention(requestId: string, number: string): Promise<ApplyResult>;
  /** MIGRATING (by this request) → ACTIVE: the last change of a migration. */
  completeMigration(command: CompleteMigrationCommand): Promise<ApplyResult>;
  /** A catalogue model's name and compatibility, or null when the catalogue does not know it. */
  phoneModel(modelId: string): Promise<{ id: string; name: string; compatible: Compatibility } | null>;
  /** The `ip_phones` row (REQUESTED) of the legacy desk phone, before its registration request. */
  recordMigratedPhone(command: MigratedPhoneCommand): Promise<ApplyResult>;
}

export const LEGACY_INVENTORY_PORT = Symbol('LEGACY_INVENTORY_PORT');
