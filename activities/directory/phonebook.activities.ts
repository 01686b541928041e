import { managersGroupOf } from '../../libs/contracts/numbers';
import type { PhonebookChange } from '../../libs/contracts/repair';
import type { StepOutcome } from '../../libs/contracts/step-outcome';
import type { PublishedNumber, SharedNumberEntry } from '../../libs/contracts/system-records';
import { capability } from '../../libs/reconciliation/driver-capability';
import { sharedEntryDifferences, type ExpectedListing } from '../../libs/reconciliation/expectations';
import type { DirectoryPort } from '../../libs/systems/directory/directory.port';
import type { ApplyResult } from '../../libs/systems/system-error';
import { stepsOn, unchanged } from '../run-step';

const combine = (results: ApplyResult[]): ApplyResult =>
  results.includes('applied') ? 'applied' : 'unchanged';

/** Steps on the phonebook: numbers listed under people, and shared numbers' own entries. */
export function createPhonebookActivities({ directory }: { directory: DirectoryPort }) {
  const step = stepsOn('directory');
  const apply = (work: () => Promise<ApplyResult>): Promise<StepOutcome> =>
    step(async () => ({ value: undefined, result: await work() }));

  const publish = async (listing: PublishedNumber): Promise<void> => {
    if (listing.kind === 'PERSON') await directory.publishPersonalNumber(listing.login, listing.number);
    else await directory.publishSharedNumber(listing.entry);
  };
  const unpublish = async (listing: PublishedNumber): Promise<void> => {
    if (listing.kind === 'PERSON') await directory.unpublishPersonalNumber(listing.login, listing.number);
    else await directory.unpublishSharedNumber(listing.number);
  };

  return {
    async publishPersonalNumber(input: { login: string; number: string }): Promise<StepOutcome> {
      return step(async () => ({
        value: undefined,
        result: await directory.publishPersonalNumber(input.login, input.number),
      }));
    },

    async unpublishPersonalNumber(input: { login: string; number: string }): Promise<StepOutcome> {
      return step(async () => ({
        value: undefined,
        result: await directory.unpublishPersonalNumber(input.login, input.number),
      }));
    },

    publishSharedEntry(input: SharedNumberEntry): Promise<StepOutcome> {
      return apply(() => directory.publishSharedNumber(input));
    },

    unpublishSharedEntry(input: { number: string }): Promise<StepOutcome> {
      return apply(() => directory.unpublishSharedNumber(input.number));
    },

    /** Publishes under the person; tells whether the phonebook already listed it there (legacy listing). */
    async publishMigratedPersonalNumber(input: {
      login: string;
      number: string;
    }): Promise<StepOutcome<{ wasListed: boolean }>> {
      return step(async () => {
        const person = await directory.findPerson(input.login);
        const wasListed = person?.phoneNumbers.includes(input.number) ?? false;
        const result = await directory.publishPersonalNumber(input.login, input.number);
        return { value: { wasListed }, result };
      });
    },

    /** Undo: removes the listing only if the migration added it; a legacy listing stays as it was. */
    async unpublishMigratedPersonalNumber(input: {
      login: string;
      number: string;
      keepListing: boolean;
    }): Promise<StepOutcome> {
      return step(async () => ({
        value: undefined,
        result: input.keepListing
          ? 'unchanged'
          : await directory.unpublishPersonalNumber(input.login, input.number),
      }));
    },

    /** The shared entry under its description replaces the people's legacy listings of the number. */
    async publishMigratedSharedNumber(input: {
      number: string;
      description: string;
      ownerLogin: string;
      legacyListings: string[];
    }): Promise<StepOutcome> {
      return step(async () => {
        const results = [
          await directory.publishSharedNumber({
            number: input.number,
            description: input.description,
            ownerLogin: input.ownerLogin,
            managersGroup: managersGroupOf(input.number),
          }),
        ];
        for (const login of input.legacyListings)
          results.push(await directory.unpublishPersonalNumber(login, input.number));
        return { value: undefined, result: combine(results) };
      });
    },

    /** Undo: the shared entry goes and the people's legacy listings come back. */
    async unpublishMigratedSharedNumber(input: {
      number: string;
      legacyListings: string[];
    }): Promise<StepOutcome> {
      return step(async () => {
        const results = [await directory.unpublishSharedNumber(input.number)];
        for (const login of input.legacyListings) {
          // Someone who left the directory meanwhile has no entry to list it under.
          if (await directory.findPerson(login))
            results.push(await directory.publishPersonalNumber(login, input.number));
        }
        return { value: undefined, result: combine(results) };
      });
    },

    async convergePhonebook(input: {
      number: string;
      expected: ExpectedListing | undefined;
    }): Promise<StepOutcome<PhonebookChange>> {
      return step<PhonebookChange>(async () => {
        const { number, expected } = input;
        const none: PhonebookChange = { added: [], removed: [] };
        if (expected === undefined) return unchanged(none);
        const people = await directory.findPeopleByNumber(number);
        const shared = (
          await capability(
            directory,
            'findListings',
            'directory',
            'look up listings in bulk',
          )({
            logins: [],
            sharedNumbers: [number],
          })
        ).filter((l) => l.kind === 'SHARED');
        const current: PublishedNumber[] = [
          ...people.map((login) => ({ number, kind: 'PERSON' as const, login })),
          ...shared,
        ];
        // A shared entry whose owner, description or managers differ is replaced by the expected one.
        const wanted = (l: PublishedNumber) =>
          expected !== null &&
          (l.kind === 'SHARED'
            ? expected.kind === 'SHARED' && sharedEntryDifferences(l.entry, expected.entry).length === 0
            : expected.kind === 'PERSON' && l.login === expected.login);
        const change: PhonebookChange = { added: [], removed: current.filter((l) => !wanted(l)) };
        for (const listing of change.removed) await unpublish(listing);
        if (expected && !current.some(wanted)) {
          const listing: PublishedNumber =
            expected.kind === 'PERSON'
              ? { number, kind: 'PERSON', login: expected.login }
              : { number, kind: 'SHARED', entry: expected.entry };
          await publish(listing);
          change.added.push(listing);
        }
        return change.added.length + change.removed.length === 0 ? unchanged(change) : { value: change };
      });
    },

    async revertPhonebook(input: { change: PhonebookChange }): Promise<StepOutcome> {
      return step(async () => {
        for (const listing of input.change.added) await unpublish(listing);
        for (const listing of input.change.removed) await publish(listing);
        return { value: undefined };
      });
    },
  };
}
