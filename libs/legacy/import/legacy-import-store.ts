import { In, type EntityManager, type EntityTarget, type ObjectLiteral } from 'typeorm';
import type { ForwardWhen, LegacyInventoryLine } from '../../domain/legacy-inventory-line';
import type { LegacyService } from '../../domain/legacy-migration';
import { NumberState } from '../../domain/number-state';
import {
  LegacyListingEntity,
  LegacyNumberEntity,
  PhoneNumberEntity,
  ResourceLockEntity,
} from '../../persistence/entities';
import { lockKeys } from '../../requests/resource-locks';

/** What the inventory holds for one number of the file, read inside the import's transaction. */
export interface StoredNumber {
  state: NumberState | null;
  /** The line as last imported, when the number is still LEGACY. */
  legacy: LegacyInventoryLine | null;
  /** A request holds the number's lock. */
  lockedBy: string | null;
}

/** What a line sets on its legacy_numbers row, besides the number (the key) and importedAt. */
const LEGACY_FIELDS = [
  'service',
  'description',
  'phoneModelId',
  'phoneMac',
  'forwardTo',
  'forwardWhen',
  'voicemail',
];
const LEGACY_COLUMNS = ['number', ...LEGACY_FIELDS];
interface RawLegacy {
  number: string;
  service: LegacyService;
  description: string | null;
  phoneModelId: string | null;
  phoneMac: string | null;
  forwardTo: string | null;
  forwardWhen: ForwardWhen | null;
  voicemail: boolean | number | null;
}

/**
 * Reads and writes one batch of an import on the inventory database, PostgreSQL or SQLite, inside
 * the caller's transaction.
 */
export class LegacyImportStore {
  constructor(private readonly manager: EntityManager) {}

  async read(numbers: string[]): Promise<Map<string, StoredNumber>> {
    const states = this.manager
      .getRepository(PhoneNumberEntity)
      .createQueryBuilder('n')
      .select(['n.number AS number', 'n.state AS state'])
      .where('n.number IN (:...numbers)', { numbers });
    // A migration that starts while the batch is planned would see its number rewritten under it;
    // the row lock makes it wait. SQLite has one writer at a time anyway.
    if (this.manager.connection.options.type === 'postgres') states.setLock('pessimistic_write');
    // Raw rows, one query after the other: a transaction has one connection, and building entities
    // for 50,000 lines costs more than the queries.
    const raw = <T>(
      entity: EntityTarget<ObjectLiteral>,
      alias: string,
      key: string,
      columns: string[],
      values: string[],
    ) =>
      this.manager
        .getRepository(entity)
        .createQueryBuilder(alias)
        .select(columns.map((c) => `${alias}.${c} AS "${c}"`))
        .where(`${alias}.${key} IN (:...values)`, { values })
        .getRawMany<T>();
    const stateRows = await states.getRawMany<{ number: string; state: NumberState }>();
    const legacy = await raw<RawLegacy>(LegacyNumberEntity, 'l', 'number', LEGACY_COLUMNS, numbers);
    const listings = await raw<{ number: string; login: string }>(
      LegacyListingEntity,
      'g',
      'number',
      ['number', 'login'],
      numbers,
    );
    const locks = await raw<{ resource: string; requestId: string }>(
      ResourceLockEntity,
      'k',
      'resource',
      ['resource', 'requestId'],
      numbers.map((n) => lockKeys.number(n)),
    );

    const listed = new Map<string, string[]>();
    for (const l of listings) listed.set(l.number, [...(listed.get(l.number) ?? []), l.login]);
    const stored = new Map<string, StoredNumber>();
    for (const number of numbers) stored.set(number, { state: null, legacy: null, lockedBy: null });
    for (const row of stateRows) stored.get(row.number)!.state = row.state;
    for (const row of legacy)
      stored.get(row.number)!.legacy = {
        number: row.number,
        service: row.service,
        listedUnder: (listed.get(row.number) ?? []).sort(),
        description: row.description,
        phone: row.phoneModelId && row.phoneMac ? { modelId: row.phoneModelId, mac: row.phoneMac } : null,
        forwardTo: row.forwardTo,
        forwardWhen: row.forwardWhen,
        // SQLite gives booleans back as 0 and 1.
        voicemail: row.voicemail === null ? null : Boolean(row.voicemail),
      };
    for (const lock of locks) stored.get(lock.resource.slice('number:'.length))!.lockedBy = lock.requestId;
    return stored;
  }

  /** Writes new and changed lines: the number LEGACY in the inventory, its legacy record and listings. */
  async write(lines: LegacyInventoryLine[], importedAt: Date): Promise<void> {
    if (lines.length === 0) return;
    const numbers = lines.map((l) => l.number);
    // Only AVAILABLE (never used in Switchboard) or LEGACY rows reach here: the planner refused the rest.
    await this.manager
      .createQueryBuilder()
      .insert()
      .into(PhoneNumberEntity)
      .values(
        lines.map((l) => ({
          number: l.number,
          type: null,
          state: NumberState.LEGACY,
          ownerLogin: null,
          description: l.description,
          legacySource: l.service,
          inPhonebook: true,
        })),
      )
      .orUpdate(['type', 'state', 'description', 'legacySource'], ['number'])
      // No RETURNING of the generated columns merged back into 2,000 objects: nothing reads them.
      .updateEntity(false)
      .execute();
    await this.manager
      .createQueryBuilder()
      .insert()
      .into(LegacyNumberEntity)
      .values(
        lines.map((l) => ({
          number: l.number,
          service: l.service,
          description: l.description,
          phoneModelId: l.phone?.modelId ?? null,
          phoneMac: l.phone?.mac ?? null,
          forwardTo: l.forwardTo,
          forwardWhen: l.forwardWhen,
          voicemail: l.voicemail,
          importedAt,
        })),
      )
      .orUpdate([...LEGACY_FIELDS, 'importedAt'], ['number'])
      .updateEntity(false)
      .execute();
    await this.manager.getRepository(LegacyListingEntity).delete({ number: In(numbers) });
    const listings = lines.flatMap((l) => l.listedUnder.map((login) => ({ number: l.number, login })));
    for (let i = 0; i < listings.length; i += 1000)
      await this.manager
        .createQueryBuilder()
        .insert()
        .into(LegacyListingEntity)
        .values(listings.slice(i, i + 1000))
        .updateEntity(false)
        .execute();
  }
}
