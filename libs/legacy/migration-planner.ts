import { In, type DataSource } from 'typeorm';
import type { MigrationTarget } from '../contracts/legacy-migration';
import { DomainError, DomainErrorCode } from '../domain/domain-error';
import { requireEligibleLogin, type EligibilityPolicy } from '../domain/eligibility';
import { migrationOptions, type MigrationOptions } from '../domain/legacy-migration';
import { NumberState, OWNED_STATES } from '../domain/number-state';
import { cleanText, parseExtension, TextField } from '../domain/text-input';
import { PhoneNumberEntity } from '../persistence/entities';
import type { DirectoryPort } from '../systems/directory/directory.port';
import { LegacyNumbers, type LegacyNumberView, type MigrationPlan } from './migration-request';

export interface MigrationPlanInput {
  number: string;
  as: MigrationTarget;
  requester: string;
  actor: string;
  description: string | null;
  managers: string[];
}

/** A shared number's managers e-group stays a manageable size. */
export const MAX_MANAGERS = 20;

/**
 * Checks a migration against the rules before anything starts (docs/domain.md §2, §3 legacy rule), for
 * the API and the campaigns alike. Every refusal is a DomainError whose message says what to do.
 */
export class LegacyMigrationPlanner {
  private readonly legacyNumbers: LegacyNumbers;

  constructor(
    private readonly dataSource: DataSource,
    private readonly directory: DirectoryPort,
    private readonly options: { eligibility: EligibilityPolicy; firstBootTimeoutMs: number },
  ) {
    this.legacyNumbers = new LegacyNumbers(dataSource);
  }

  async hasPersonalNumber(login: string): Promise<boolean> {
    const count = await this.dataSource
      .getRepository(PhoneNumberEntity)
      .countBy({ ownerLogin: login, type: 'PERSONAL', state: In([...OWNED_STATES]) });
    return count > 0;
  }

  /** May `login` migrate this number as personal, as shared? (legacy rule + one personal number) */
  async optionsFor(legacy: LegacyNumberView, login: string): Promise<MigrationOptions> {
    return migrationOptions(
      { number: legacy.number, service: legacy.service, listedUnder: legacy.listedUnder },
      { login, hasPersonalNumber: await this.hasPersonalNumber(login) },
    );
  }

  async plan(input: MigrationPlanInput): Promise<MigrationPlan> {
    const number = parseExtension(input.number);
    const legacy = await this.legacyNumbers.find(number);
    if (!legacy) {
      throw new DomainError(
        DomainErrorCode.NOT_FOUND,
        `${number} is not a legacy number. List yours with myLegacyNumbers; contact the service desk if one is missing.`,
      );
    }
    const found = await this.directory.findPerson(input.requester);
    const person = requireEligibleLogin(input.requester, found, new Date(), this.options.eligibility);

    const choice = (await this.optionsFor(legacy, input.requester))[
      input.as === 'PERSONAL' ? 'personal' : 'shared'
    ];
    // Someone else's number is refused first; then a migration already running explains the rest.
    if (!choice.allowed && choice.code === DomainErrorCode.NOT_OWNER)
      throw new DomainError(choice.code, choice.reason);
    this.requireStillLegacy(legacy);
    if (!choice.allowed) throw new DomainError(choice.code, choice.reason);

    let description: string | null = null;
    let managers: string[] = [];
    if (input.as === 'SHARED') {
      description = cleanText(input.description ?? '', TextField.DESCRIPTION);
      managers = await this.checkManagers(input.managers, input.requester);
    } else if (input.description !== null || input.managers.length > 0) {
      throw new DomainError(
        DomainErrorCode.INVALID_INPUT,
        'A personal number has no description or managers: leave them out, or migrate the number as shared.',
      );
    }
    return {
      legacy,
      as: input.as,
      requester: input.requester,
      actor: input.actor,
      description,
      managers,
      office: person.office,
      firstBootTimeoutMs: this.options.firstBootTimeoutMs,
    };
  }

  private requireStillLegacy(legacy: LegacyNumberView): void {
    if (legacy.state === NumberState.LEGACY) return;
    if (legacy.state === NumberState.MIGRATING) {
      throw new DomainError(
        DomainErrorCode.REQUEST_IN_PROGRESS,
        `${legacy.number} is being migrated already. Wait until that request finishes.`,
      );
    }
    throw new DomainError(
      DomainErrorCode.INVALID_STATE,
      `${legacy.number} is no longer on its legacy service (it is ${legacy.state ?? 'unknown'}). Refresh the page.`,
    );
  }

  private async checkManagers(given: string[], owner: string): Promise<string[]> {
    if (given.length > MAX_MANAGERS) {
      throw new DomainError(
        DomainErrorCode.INVALID_INPUT,
        `Managers: ${given.length} is too many; name at most ${MAX_MANAGERS} people (add more to the e-group later).`,
      );
    }
    const logins = [...new Set(given.map((login) => cleanText(login, TextField.LOGIN)))].filter(
      (login) => login !== owner,
    );
    for (const login of logins) {
      if (!(await this.directory.findPerson(login))) {
        throw new DomainError(
          DomainErrorCode.INVALID_INPUT,
          `Managers: the directory has no person "${login}". Check the login.`,
        );
      }
    }
    return logins;
  }
}
