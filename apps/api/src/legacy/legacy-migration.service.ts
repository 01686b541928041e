import { Injectable } from '@nestjs/common';
import { AuditLog } from '../../../../libs/audit/audit-log';
import type { MigrationTarget } from '../../../../libs/contracts/legacy-migration';
import { DomainErrorCode, isDomainError } from '../../../../libs/domain/domain-error';
import type { Allowed } from '../../../../libs/domain/legacy-migration';
import { NumberState } from '../../../../libs/domain/number-state';
import { PortalAction } from '../../../../libs/domain/permissions';
import { LegacyMigrationPlanner } from '../../../../libs/legacy/migration-planner';
import {
  LegacyNumbers,
  migrationLaunchSpec,
  type LegacyNumberView,
} from '../../../../libs/legacy/migration-request';
import type { RequestEntity } from '../../../../libs/persistence/entities';
import { RequestLauncher } from '../../../../libs/requests/request-launcher';
import type { Caller } from '../auth/viewer';
import { PeopleService } from '../common/people.service';
import { PermissionService } from '../common/permission.service';
import type { LegacyNumberModel, MigrationOptionModel } from './legacy-number.model';

export interface MigrateArgs {
  number: string;
  as: MigrationTarget;
  description: string | null;
  managers: string[];
}

/** States in which a legacy number is still the person's to see on the legacy page. */
const SHOWN_STATES: readonly string[] = [
  NumberState.LEGACY,
  NumberState.MIGRATING,
  NumberState.NEEDS_ATTENTION,
];

/** Legacy numbers for people: what they have, how they may migrate each, and the migration itself. */
@Injectable()
export class LegacyMigrationService {
  constructor(
    readonly planner: LegacyMigrationPlanner,
    private readonly legacyNumbers: LegacyNumbers,
    private readonly people: PeopleService,
    private readonly permissions: PermissionService,
    private readonly launcher: RequestLauncher,
    private readonly audit: AuditLog,
  ) {}

  async listFor(caller: Caller): Promise<LegacyNumberModel[]> {
    const eligibility = await this.people.judge(caller.login);
    const numbers = (await this.legacyNumbers.listedUnder(caller.login)).filter(
      (n) => n.state !== null && SHOWN_STATES.includes(n.state),
    );
    return Promise.all(
      numbers.map(async (legacy) => {
        const options = await this.planner.optionsFor(legacy, caller.login);
        const notNow = refusalOf(legacy, eligibility.eligible ? undefined : eligibility);
        return {
          number: legacy.number,
          service: legacy.service,
          description: legacy.description ?? undefined,
          state: legacy.state ?? NumberState.LEGACY,
          listedUnderCount: legacy.listedUnder.length,
          listedUnder: legacy.listedUnder.filter((login) => login === caller.login),
          phone: legacy.phone
            ? {
                modelId: legacy.phone.modelId,
                model: legacy.phone.modelName ?? undefined,
                compatible: legacy.phone.compatible ?? undefined,
                movesWithNumber: legacy.service !== 'ANALOGUE' && legacy.phone.compatible === 'YES',
              }
            : undefined,
          migrateAsPersonal: notNow ?? toOption(options.personal),
          migrateAsShared: notNow ?? toOption(options.shared),
        };
      }),
    );
  }

  /** Checks the rules, then starts the migration and returns the accepted request at once. */
  async migrate(caller: Caller, args: MigrateArgs): Promise<RequestEntity> {
    try {
      await this.permissions.require(PortalAction.MIGRATE_LEGACY, caller);
      const plan = await this.planner.plan({ ...args, requester: caller.login, actor: caller.actor });
      const row = await this.launcher.launch(migrationLaunchSpec(plan));
      await this.auditMigration(caller, args.number, 'OK', row.id, `migrate as ${args.as.toLowerCase()}`);
      return row;
    } catch (error) {
      // A person's own refused attempt is not audited, as for every other mutation; the desk's is.
      if (isDomainError(error) && caller.onBehalf)
        await this.auditMigration(caller, args.number, 'REFUSED', null, error.message);
      throw error;
    }
  }

  private async auditMigration(
    caller: Caller,
    number: string,
    result: 'OK' | 'REFUSED',
    requestId: string | null,
    reason: string,
  ): Promise<void> {
    await this.audit.record({
      actor: caller.actor,
      onBehalfOf: caller.onBehalf ? caller.login : null,
      action: PortalAction.MIGRATE_LEGACY,
      requestId,
      target: number.slice(0, 64),
      result,
      reason,
    });
  }
}

function toOption(allowed: Allowed): MigrationOptionModel {
  return allowed.allowed ? { allowed: true } : { allowed: false, code: allowed.code, reason: allowed.reason };
}

/** Refusals that apply whatever way the number would be migrated. */
function refusalOf(
  legacy: LegacyNumberView,
  refusal: { code: DomainErrorCode; reason: string } | undefined,
): MigrationOptionModel | null {
  if (refusal) return { allowed: false, code: refusal.code, reason: refusal.reason };
  if (legacy.state === NumberState.MIGRATING) {
    return {
      allowed: false,
      code: DomainErrorCode.REQUEST_IN_PROGRESS,
      reason: `${legacy.number} is being migrated. Follow the request in your requests.`,
    };
  }
  if (legacy.state !== NumberState.LEGACY) {
    return {
      allowed: false,
      code: DomainErrorCode.INVALID_STATE,
      reason: `A migration of ${legacy.number} could not finish; the service desk is looking at it.`,
    };
  }
  return null;
}
