import { Inject, Injectable } from '@nestjs/common';
import type { AppConfig } from '../../../../libs/config/app-config';
import { APP_CONFIG } from '../../../../libs/config/config.module';
import {
  judgeLogin,
  requireEligibleLogin,
  type EligibilityVerdict,
} from '../../../../libs/domain/eligibility';
import {
  DIRECTORY_PORT,
  type DirectoryPerson,
  type DirectoryPort,
} from '../../../../libs/systems/directory/directory.port';
import { PeopleCache } from '../../../../libs/systems/inventory/people-cache';

/** People as the API needs them: read from the directory, cached in the inventory, checked for eligibility. */
@Injectable()
export class PeopleService {
  constructor(
    @Inject(DIRECTORY_PORT) private readonly directory: DirectoryPort,
    private readonly cache: PeopleCache,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The directory's view of a person, refreshing the cache; null when the directory does not know them. */
  async lookUp(login: string): Promise<DirectoryPerson | null> {
    const person = await this.directory.findPerson(login);
    if (person) await this.cache.remember(person, new Date());
    return person;
  }

  /** The person, if they may use the service today; UNKNOWN_PERSON or NOT_ELIGIBLE with the reason otherwise. */
  async requireEligible(login: string): Promise<DirectoryPerson> {
    return requireEligibleLogin(login, await this.lookUp(login), new Date(), this.config.eligibility);
  }

  /** Whether the login may use the service today, and if not which refusal and why. */
  async judge(login: string): Promise<EligibilityVerdict> {
    return judgeLogin(login, await this.lookUp(login), new Date(), this.config.eligibility);
  }
}
