import type { DataSource } from 'typeorm';
import { PersonEntity } from '../../persistence/entities';
import type { DirectoryPerson } from '../directory/directory.port';

/** The inventory's copy of people's directory entries (the directory stays the source of truth). */
export class PeopleCache {
  constructor(private readonly dataSource: DataSource) {}

  /** Records what the directory said of the person at `syncedAt`. */
  async remember(person: DirectoryPerson, syncedAt: Date): Promise<void> {
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
        syncedAt,
      },
      ['login'],
    );
  }
}
