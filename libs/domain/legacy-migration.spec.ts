import { DomainErrorCode } from './domain-error';
import {
  type LegacyNumber,
  type LegacyService,
  migrationOptions,
  type MigrationRequester,
} from './legacy-migration';

const legacy = (listedUnder: string[], service: LegacyService = 'SKYPE'): LegacyNumber => ({
  number: '74123',
  service,
  listedUnder,
});
const alice = (hasPersonalNumber = false): MigrationRequester => ({ login: 'alice', hasPersonalNumber });

const allowed = { allowed: true };
const refused = (code: DomainErrorCode, reason: RegExp) => ({
  allowed: false,
  code,
  reason: expect.stringMatching(reason),
});

describe('migrationOptions', () => {
  it.each<LegacyService>(['SKYPE', 'ANALOGUE', 'VENDOR_IP'])(
    'lets a person migrate a %s number listed only under them as personal or shared',
    (service) => {
      expect(migrationOptions(legacy(['alice'], service), alice())).toEqual({
        personal: allowed,
        shared: allowed,
      });
    },
  );

  it('offers only shared for a number listed under several people, and says so', () => {
    expect(migrationOptions(legacy(['alice', 'bob', 'carol']), alice())).toEqual({
      personal: refused(
        DomainErrorCode.LEGACY_SHARED_ONLY,
        /listed under several people \(you, bob and carol\).*Migrate it as shared/,
      ),
      shared: allowed,
    });
  });

  it('offers only shared to someone who already has a personal number', () => {
    expect(migrationOptions(legacy(['alice']), alice(true))).toEqual({
      personal: refused(
        DomainErrorCode.ALREADY_HAS_PERSONAL_NUMBER,
        /already have a personal number.*Migrate 74123 as shared/,
      ),
      shared: allowed,
    });
  });

  it('explains the several-people rule first when both rules forbid personal', () => {
    expect(migrationOptions(legacy(['alice', 'bob']), alice(true)).personal).toMatchObject({
      code: DomainErrorCode.LEGACY_SHARED_ONLY,
    });
  });

  it('refuses both kinds of migration of a number listed under someone else, naming them', () => {
    const options = migrationOptions(legacy(['bob']), alice());
    const notMine = refused(DomainErrorCode.NOT_OWNER, /listed under bob, not under you.*Ask bob/);
    expect(options).toEqual({ personal: notMine, shared: notMine });
  });

  it('refuses a number listed under several other people', () => {
    expect(migrationOptions(legacy(['bob', 'carol']), alice()).shared).toEqual(
      refused(DomainErrorCode.NOT_OWNER, /listed under bob and carol, not under you.*Ask one of them/),
    );
  });

  it('refuses a number the phonebook lists under nobody and points to the service desk', () => {
    expect(migrationOptions(legacy([]), alice()).shared).toEqual(
      refused(DomainErrorCode.NOT_OWNER, /not listed under anyone.*service desk/),
    );
  });

  it('compares logins without regard to case or padding, and counts a person listed twice once', () => {
    expect(
      migrationOptions(legacy([' Alice ', 'alice']), { login: 'ALICE', hasPersonalNumber: false }),
    ).toEqual({
      personal: allowed,
      shared: allowed,
    });
  });
});
