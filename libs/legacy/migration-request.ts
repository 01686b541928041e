import type { DataSource } from 'typeorm';
import {
  migrationKind,
  migrationWorkflowFor,
  type MigrateLegacyInput,
  type MigrationTarget,
} from '../contracts/legacy-migration';
import { workflowIds } from '../contracts/workflow-ids';
import type { LegacyService } from '../domain/legacy-migration';
import type { NumberState } from '../domain/number-state';
import type { Compatibility } from '../domain/phone-compatibility';
import {
  LegacyListingEntity,
  LegacyNumberEntity,
  PhoneModelEntity,
  PhoneNumberEntity,
} from '../persistence/entities';
import type { LaunchSpec } from '../requests/request-launcher';
import { lockKeys } from '../requests/resource-locks';

/** A legacy number as the API and the campaigns see it. */
export interface LegacyNumberView {
  number: string;
  service: LegacyService;
  description: string | null;
  /** Logins the phonebook lists it under, sorted. */
  listedUnder: string[];
  phone: { modelId: string; mac: string; modelName: string | null; compatible: Compatibility | null } | null;
  /** Its row in `phone_numbers`: LEGACY until migrated. */
  state: NumberState | null;
}

/** Reads legacy numbers, their listings, phones and inventory state. */
export class LegacyNumbers {
  constructor(private readonly dataSource: DataSource) {}

  async find(number: string): Promise<LegacyNumberView | null> {
    const legacy = await this.dataSource.getRepository(LegacyNumberEntity).findOneBy({ number });
    if (!legacy) return null;
    return (await this.views([legacy]))[0];
  }

  /** The legacy numbers the phonebook lists under a person. */
  async listedUnder(login: string): Promise<LegacyNumberView[]> {
    const listings = await this.dataSource.getRepository(LegacyListingEntity).findBy({ login });
    if (listings.length === 0) return [];
    const rows = await this.dataSource
      .getRepository(LegacyNumberEntity)
      .createQueryBuilder('l')
      .where('l.number IN (:...numbers)', { numbers: listings.map((l) => l.number) })
      .orderBy('l.number', 'ASC')
      .getMany();
    return this.views(rows);
  }

  /** Legacy numbers still on their old service listed under anyone in these people. */
  async stillLegacyFor(logins: string[]): Promise<LegacyNumberView[]> {
    if (logins.length === 0) return [];
    const listings = await this.dataSource
      .getRepository(LegacyListingEntity)
      .createQueryBuilder('l')
      .where('l.login IN (:...logins)', { logins })
      .getMany();
    const numbers = [...new Set(listings.map((l) => l.number))];
    if (numbers.length === 0) return [];
    const rows = await this.dataSource
      .getRepository(LegacyNumberEntity)
      .createQueryBuilder('l')
      .where('l.number IN (:...numbers)', { numbers })
      .orderBy('l.number', 'ASC')
      .getMany();
    return (await this.views(rows)).filter((v) => v.state === 'LEGACY');
  }

  private async views(rows: LegacyNumberEntity[]): Promise<LegacyNumberView[]> {
    if (rows.length === 0) return [];
    const numbers = rows.map((r) => r.number);
    const [listings, states, models] = await Promise.all([
      this.dataSource
        .getRepository(LegacyListingEntity)
        .createQueryBuilder('l')
        .where('l.number IN (:...numbers)', { numbers })
        .getMany(),
      this.dataSource
        .getRepository(PhoneNumberEntity)
        .createQueryBuilder('n')
        .where('n.number IN (:...numbers)', { numbers })
        .getMany(),
      this.dataSource.getRepository(PhoneModelEntity).find(),
    ]);
    return rows.map((row) => {
      const model = models.find((m) => m.id === row.phoneModelId);
      return {
        number: row.number,
        service: row.service,
        description: row.description,
        listedUnder: listings
          .filter((l) => l.number === row.number)
          .map((l) => l.login)
          .sort(),
        phone:
          row.phoneModelId && row.phoneMac
            ? {
                modelId: row.phoneModelId,
                mac: row.phoneMac,
                modelName: model ? `${model.manufacturer} ${model.name}` : null,
                compatible: model?.compatible ?? null,
              }
            : null,
        state: states.find((s) => s.number === row.number)?.state ?? null,
      };
    });
  }
}

/** What a migration request is about, once its rules are checked. */
export interface MigrationPlan {
  legacy: LegacyNumberView;
  as: MigrationTarget;
  requester: string;
  actor: string;
  description: string | null;
  managers: string[];
  office: string | null;
  firstBootTimeoutMs: number;
}

/** Lines whose desk phone may follow them: its MAC is locked too. */
function phoneToMove(legacy: LegacyNumberView): string | null {
  return legacy.service !== 'ANALOGUE' && legacy.phone?.compatible === 'YES' ? legacy.phone.mac : null;
}

/** Every resource a migration touches: the number, the personal slot (personal), the desk phone. */
export function migrationLocks(plan: MigrationPlan): string[] {
  const mac = phoneToMove(plan.legacy);
  return [
    lockKeys.number(plan.legacy.number),
    ...(plan.as === 'PERSONAL' ? [lockKeys.personalNumberOf(plan.requester)] : []),
    ...(mac ? [lockKeys.mac(mac)] : []),
  ];
}

/** The launch of a migration request, for the API's launcher. */
export function migrationLaunchSpec(plan: MigrationPlan): LaunchSpec<MigrateLegacyInput> {
  const { legacy } = plan;
  return {
    kind: migrationKind(legacy.service, plan.as),
    workflowType: migrationWorkflowFor(legacy.service),
    workflowId: workflowIds.number(legacy.number),
    locks: migrationLocks(plan),
    requester: plan.requester,
    actor: plan.actor,
    subject: legacy.number,
    input: (common) => migrationInput(plan, common),
  };
}

export function migrationInput(
  plan: MigrationPlan,
  common: Omit<MigrateLegacyInput, keyof MigrationFields>,
): MigrateLegacyInput {
  return {
    ...common,
    number: plan.legacy.number,
    as: plan.as,
    service: plan.legacy.service,
    description: plan.as === 'SHARED' ? plan.description : null,
    managers: plan.as === 'SHARED' ? plan.managers : [],
    listedUnder: plan.legacy.listedUnder,
    office: plan.office,
    lockedPhoneMac: phoneToMove(plan.legacy),
    firstBootTimeoutMs: plan.firstBootTimeoutMs,
  };
}

type MigrationFields = Omit<MigrateLegacyInput, 'requestId' | 'requester' | 'actor' | 'settings'>;
