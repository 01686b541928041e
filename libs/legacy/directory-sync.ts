import type { DataSource, EntityManager } from 'typeorm';
import { NumberState } from '../domain/number-state';
import { LegacyListingEntity, LegacyNumberEntity, PhoneNumberEntity } from '../persistence/entities';
import type { LegacyLineListing, LegacyLineSource } from '../systems/legacy/legacy.port';

/** What one sync did, number by number. */
export interface DirectorySyncReport {
  added: string[];
  updated: string[];
  unchanged: string[];
  /** Numbers Switchboard already migrated or runs: never overwritten from the legacy source. */
  kept: { number: string; state: string }[];
  /** Lines the source could not read unambiguously (e.g. a number under two services), with why. */
  refused: { number: string; reason: string }[];
}

/**
 * Fills the legacy inventory (`legacy_numbers`, `legacy_listings`, `phone_numbers` in LEGACY) from
 * the lines a legacy source lists, as the sandbox seed does for the demo. Running it again changes
 * nothing; a number that is no longer LEGACY in Switchboard is left alone, whatever the source says.
 */
export async function syncLegacyFromDirectory(
  dataSource: DataSource,
  source: LegacyLineSource,
  now = new Date(),
): Promise<DirectorySyncReport> {
  const { lines, refused } = await source.listLines();
  const report: DirectorySyncReport = { added: [], updated: [], unchanged: [], kept: [], refused };
  for (const listing of lines) {
    const { number } = listing.line;
    await dataSource.transaction(async (manager) => {
      const numbers = manager.getRepository(PhoneNumberEntity);
      const row = await numbers.findOneBy({ number });
      // A free pool number that is in fact still on a legacy line leaves the pool: handing it out
      // would give two people one number. Any other state is Switchboard's, never overwritten.
      const takeOver = row?.state === NumberState.AVAILABLE;
      if (row && row.state !== NumberState.LEGACY && !takeOver) {
        report.kept.push({ number, state: row.state });
        return;
      }
      const legacyRow = {
        type: null,
        state: NumberState.LEGACY,
        ownerLogin: null,
        description: listing.description,
        legacySource: listing.line.service,
        inPhonebook: true,
      };
      if (!row) await numbers.insert({ number, ...legacyRow });
      else if (takeOver) await numbers.update({ number, state: NumberState.AVAILABLE }, legacyRow);
      const outcome = await writeLegacyRecord(manager, listing, now);
      report[row && !takeOver ? outcome : 'added'].push(number);
    });
  }
  return report;
}

async function writeLegacyRecord(
  manager: EntityManager,
  listing: LegacyLineListing,
  now: Date,
): Promise<'updated' | 'unchanged'> {
  const { line } = listing;
  const wanted = {
    number: line.number,
    service: line.service,
    description: listing.description,
    phoneModelId: line.phone?.modelId ?? null,
    phoneMac: line.phone?.mac ?? null,
  };
  const numbers = manager.getRepository(LegacyNumberEntity);
  const listings = manager.getRepository(LegacyListingEntity);
  const existing = await numbers.findOneBy({ number: line.number });
  const listed = (await listings.findBy({ number: line.number })).map((l) => l.login).sort();
  const sameRecord =
    existing !== null &&
    (Object.keys(wanted) as (keyof typeof wanted)[]).every((key) => existing[key] === wanted[key]);
  const sameListings = listed.join('\n') === listing.listedUnder.join('\n');
  if (sameRecord && sameListings) return 'unchanged';
  if (!sameRecord) await numbers.save({ ...wanted, importedAt: now });
  if (!sameListings) {
    await listings.delete({ number: line.number });
    if (listing.listedUnder.length > 0)
      await listings.insert(listing.listedUnder.map((login) => ({ number: line.number, login })));
  }
  return 'updated';
}
