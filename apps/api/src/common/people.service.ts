import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../../../../libs/config/app-config';
import { APP_CONFIG } from '../../../../libs/config/config.module';
import { DomainError, DomainErrorCode } from '../../../../libs/domain/domain-error';
import { decideEligibility } from '../../../../libs/domain/eligibility';
import { PersonEntity } from '../../../../libs/persistence/entities';
import {
  DIRECTORY_PORT,
  type DirectoryPerson,
  type DirectoryPort,
} from '../../../../libs/systems/directory/directory.port';

/** People as the API needs them: read from the directory, cached in the inventory, checked for eligibility. */
@Injectable()
export class PeopleService {
  constructor(
    @Inject(DIRECTORY_PORT) private readonly directory: DirectoryPort,
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The directory's view of a person, refreshing the cache; null when the directory does not know them. */
  async lookUp(login: string): Promise<DirectoryPerson | null> {
    const person = await this.directory.findPerson(login);
    if (person) {
      // An upsert, so two concurrent requests of one person cannot both try to insert the cache row.
      await this.dataSource.getRepository(PersonEntity).upsert(
        {
          login: person.login,
          displayName: person.displayName,
          mail: person.mail,
          personnelClass: person.personnelClass,
          personnelSubCode: person.personnelSubCode,
          contractEnd: person.contractEnd,
          office: person.office,
          unit: person.unit,
          supervisorLogin: person.supervisorLogin,
          syncedAt: new Date(),
        },
        ['login'],
      );
    }
    return person;
  }

  /** The person, if they may use the service today; NOT_ELIGIBLE with the reason otherwise. */
  async requireEligible(login: string): Promise<DirectoryPerson> {
    const person = await this.lookUp(login);
    if (!person) {
      throw new DomainError(
        DomainErrorCode.NOT_ELIGIBLE,
        `The directory has no person "${login}". If you have just arrived, try again tomorrow.`,
      );
    }
    const decision = decideEligibility(person, new Date(), this.config.eligibility);
    if (!decision.eligible) throw new DomainError(DomainErrorCode.NOT_ELIGIBLE, decision.reason);
    return person;
  }
}
