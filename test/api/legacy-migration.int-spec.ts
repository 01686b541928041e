import { NumberState } from '../../libs/domain/number-state';
import { AuditEntryEntity, PhoneNumberEntity } from '../../libs/persistence/entities';
import { SandboxDirectoryDriver } from '../../libs/systems/directory/sandbox-directory.driver';
import { errorCodes } from '../support/api-client';
import { ApiWorld } from '../support/api-world';
import { seedPerson } from '../support/factories';
import { seedLegacyNumber, type LegacySeed } from '../support/legacy-factories';

const MY_LEGACY = `{ myLegacyNumbers { number service description state listedUnderCount listedUnder
  phone { modelId model compatible movesWithNumber }
  migrateAsPersonal { allowed code reason } migrateAsShared { allowed code reason } } }`;
const MIGRATE = `mutation($number: String!, $as: MigrationTarget!, $description: String, $managers: [String!]) {
  migrateLegacyNumber(number: $number, as: $as, description: $description, managers: $managers) {
    id kind status requester actor subject } }`;
const REQUEST = `query($id: ID!) { request(id: $id) { id status failureReason steps { id status } } }`;

interface LegacyView {
  number: string;
  service: string;
  description: string | null;
  state: string;
  listedUnderCount: number;
  listedUnder: string[];
  phone: {
    modelId: string;
    model: string | null;
    compatible: string | null;
    movesWithNumber: boolean;
  } | null;
  migrateAsPersonal: { allowed: boolean; code: string | null; reason: string | null };
  migrateAsShared: { allowed: boolean; code: string | null; reason: string | null };
}
interface Accepted {
  id: string;
  kind: string;
  status: string;
  requester: string;
  actor: string;
  subject: string;
}

describe('legacy numbers over HTTP (API + worker + PostgreSQL + Temporal)', () => {
  let api: ApiWorld;
  let desk: string;

  beforeAll(async () => {
    api = await ApiWorld.start();
    await api.world.startWorker();
    desk = (await seedPerson(api.world.sandbox)).login;
    await new SandboxDirectoryDriver(api.world.sandbox).createGroup({
      name: 'phone-service-desk',
      description: 'desk',
      ownerLogin: desk,
      members: [desk],
    });
  });

  afterAll(async () => {
    await api?.stop();
  });

  afterEach(async () => {
    await api.world.faults.clear();
  });

  const legacy = (seed: LegacySeed) => seedLegacyNumber(api.world.dataSource, api.world.sandbox, seed);
  const person = (overrides = {}) => seedPerson(api.world.sandbox, overrides);
  const migrate = (
    user: string | undefined,
    variables: Record<string, unknown>,
    headers: Record<string, string> = {},
  ) => api.graphql<{ migrateLegacyNumber: Accepted }>(MIGRATE, { user, variables, headers });
  const myLegacy = async (user: string, headers: Record<string, string> = {}) => {
    const response = await api.graphql<{ myLegacyNumbers: LegacyView[] }>(MY_LEGACY, { user, headers });
    expect(response.errors).toBeUndefined();
    return response.data!.myLegacyNumbers;
  };

  async function waitForEnd(
    user: string,
    id: string,
  ): Promise<{ status: string; failureReason: string | null }> {
    const deadline = Date.now() + 60_000;
    for (;;) {
      const response = await api.graphql<{ request: { status: string; failureReason: string | null } }>(
        REQUEST,
        {
          user,
          variables: { id },
        },
      );
      const status = response.data?.request.status;
      if (status && ['COMPLETED', 'FAILED', 'CANCELLED'].includes(status)) return response.data!.request;
      if (Date.now() > deadline) throw new Error(`request ${id} stayed ${status}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  async function givePersonalNumber(login: string): Promise<string> {
    const repo = api.world.dataSource.getRepository(PhoneNumberEntity);
    const free = await repo
      .findOneByOrFail({ state: NumberState.AVAILABLE, number: '70000' })
      .catch(() =>
        repo.findOneOrFail({ where: { state: NumberState.AVAILABLE }, order: { number: 'DESC' } }),
      );
    await repo.update(
      { number: free.number },
      { state: NumberState.ACTIVE, type: 'PERSONAL', ownerLogin: login },
    );
    return free.number;
  }

  describe('myLegacyNumbers', () => {
    it('lists each number with its service, listing, phone and how it may be migrated', async () => {
      const me = await person();
      const colleague = await person();
      const mine = await legacy({
        service: 'SKYPE',
        listedUnder: [me.login],
        description: me.displayName,
        phone: { modelId: 'polycom-vvx-450', mac: '0004f2aa1001' },
      });
      const sharedOnly = await legacy({
        service: 'ANALOGUE',
        listedUnder: [me.login, colleague.login],
        description: 'Lab 2 bench phone',
      });
      const oldPhone = await legacy({
        service: 'VENDOR_IP',
        listedUnder: [me.login],
        phone: { modelId: 'cisco-7940', mac: '00d0ba11a002' },
      });
      await legacy({ service: 'SKYPE', listedUnder: [colleague.login] });

      const numbers = await myLegacy(me.login);
      expect(numbers.map((n) => n.number)).toEqual([mine, sharedOnly, oldPhone].sort());
      const byNumber = (n: string) => numbers.find((v) => v.number === n)!;
      expect(byNumber(mine)).toEqual({
        number: mine,
        service: 'SKYPE',
        description: me.displayName,
        state: 'LEGACY',
        listedUnderCount: 1,
        listedUnder: [me.login],
        phone: {
          modelId: 'polycom-vvx-450',
          model: 'Polycom VVX 450',
          compatible: 'YES',
          movesWithNumber: true,
        },
        migrateAsPersonal: { allowed: true, code: null, reason: null },
        migrateAsShared: { allowed: true, code: null, reason: null },
      });
      // Colleagues are counted, never named.
      expect(byNumber(sharedOnly)).toMatchObject({
        service: 'ANALOGUE',
        listedUnderCount: 2,
        listedUnder: [me.login],
        phone: null,
        migrateAsPersonal: { allowed: false, code: 'LEGACY_SHARED_ONLY' },
        migrateAsShared: { allowed: true },
      });
      expect(byNumber(sharedOnly).migrateAsPersonal.reason).toMatch(/Migrate it as shared instead/);
      expect(numbers.flatMap((n) => n.listedUnder)).not.toContain(colleague.login);
      expect(byNumber(oldPhone).phone).toEqual({
        modelId: 'cisco-7940',
        model: 'Cisco 7940',
        compatible: 'NO',
        movesWithNumber: false,
      });
    });

    it('offers only shared to someone who already has a personal number', async () => {
      const me = await person();
      const number = await legacy({ service: 'SKYPE', listedUnder: [me.login] });
      await givePersonalNumber(me.login);
      const [view] = await myLegacy(me.login);
      expect(view.number).toBe(number);
      expect(view.migrateAsPersonal).toMatchObject({ allowed: false, code: 'ALREADY_HAS_PERSONAL_NUMBER' });
      expect(view.migrateAsShared).toMatchObject({ allowed: true });
    });

    it('tells an ineligible person why they cannot migrate', async () => {
      const me = await person({ personnelClass: 'EXTN', personnelSubCode: 'CONT' });
      await legacy({ service: 'ANALOGUE', listedUnder: [me.login] });
      const [view] = await myLegacy(me.login);
      expect(view.migrateAsPersonal).toMatchObject({ allowed: false, code: 'NOT_ELIGIBLE' });
      expect(view.migrateAsShared.reason).toMatch(/EXTN\/CONT is not authorised/);
    });

    it('shows nothing of numbers listed under others, and refuses anonymous callers', async () => {
      const owner = await person();
      const stranger = await person();
      await legacy({ service: 'SKYPE', listedUnder: [owner.login] });
      expect(await myLegacy(stranger.login)).toEqual([]);
      expect(errorCodes(await api.graphql(MY_LEGACY))).toEqual(['UNAUTHENTICATED']);
    });

    it('lets the service desk see a person’s numbers on their behalf', async () => {
      const owner = await person();
      const number = await legacy({ service: 'SKYPE', listedUnder: [owner.login] });
      const numbers = await myLegacy(desk, { 'x-switchboard-on-behalf-of': owner.login });
      expect(numbers.map((n) => [n.number, n.listedUnder])).toEqual([[number, [owner.login]]]);
    });
  });

  describe('migrateLegacyNumber', () => {
    it('migrates a number as personal and shows it migrating, then gone from the legacy list', async () => {
      const me = await person();
      const number = await legacy({ service: 'SKYPE', listedUnder: [me.login] });
      // The legacy call waits until released, so the number is seen migrating however slow the reads.
      const hold = await api.world.faults.inject({
        system: 'legacy',
        operation: 'snapshotLine',
        kind: 'hold',
        times: 1,
      });
      const response = await migrate(me.login, { number, as: 'PERSONAL' });
      expect(response.errors).toBeUndefined();
      const accepted = response.data!.migrateLegacyNumber;
      expect(accepted).toMatchObject({
        status: 'ACCEPTED',
        kind: 'MIGRATE_SKYPE_PERSONAL',
        requester: me.login,
        actor: me.login,
        subject: number,
      });
      const deadline = Date.now() + 20_000;
      let during = await myLegacy(me.login);
      while (during[0]?.state !== 'MIGRATING' && Date.now() < deadline) during = await myLegacy(me.login);
      expect(during[0]).toMatchObject({
        state: 'MIGRATING',
        migrateAsShared: { allowed: false, code: 'REQUEST_IN_PROGRESS' },
      });
      // A second click while it runs.
      expect(errorCodes(await migrate(me.login, { number, as: 'PERSONAL' }))).toEqual([
        'REQUEST_IN_PROGRESS',
      ]);
      await api.world.faults.release(hold);

      expect((await waitForEnd(me.login, accepted.id)).status).toBe('COMPLETED');
      expect(await api.world.dataSource.getRepository(PhoneNumberEntity).findOneBy({ number })).toMatchObject(
        {
          state: 'ACTIVE',
          type: 'PERSONAL',
          ownerLogin: me.login,
        },
      );
      expect(await myLegacy(me.login)).toEqual([]);
      const again = await migrate(me.login, { number, as: 'SHARED', description: 'x' });
      expect(errorCodes(again)).toEqual(['INVALID_STATE']);
    });

    it('migrates a number listed under two people as shared, with its description and managers', async () => {
      const me = await person();
      const colleague = await person();
      const number = await legacy({ service: 'ANALOGUE', listedUnder: [me.login, colleague.login] });
      const response = await migrate(me.login, {
        number,
        as: 'SHARED',
        description: '  Lab 2\tbench phone ',
        managers: [colleague.login.toUpperCase()],
      });
      expect(response.errors).toBeUndefined();
      expect(response.data!.migrateLegacyNumber.kind).toBe('MIGRATE_ANALOGUE_SHARED');
      expect((await waitForEnd(me.login, response.data!.migrateLegacyNumber.id)).status).toBe('COMPLETED');
      expect(await api.world.dataSource.getRepository(PhoneNumberEntity).findOneBy({ number })).toMatchObject(
        {
          state: 'ACTIVE',
          type: 'SHARED',
          ownerLogin: me.login,
          description: 'Lab 2 bench phone',
          managersGroup: `phone-mngr-${number}`,
        },
      );
      expect(await api.world.sandbox.get('directory', `group:phone-mngr-${number}`)).toMatchObject({
        members: [me.login, colleague.login],
      });
    });

    it.each([
      [
        'a number that is not 5 digits',
        { number: '12ab', as: 'PERSONAL' },
        'INVALID_INPUT',
        /type its 5 digits/,
      ],
      [
        'a description with a control character',
        { as: 'SHARED', description: 'Lab\u0007' },
        'INVALID_INPUT',
        /control character/,
      ],
      [
        'a description that is too long',
        { as: 'SHARED', description: 'x'.repeat(101) },
        'INVALID_INPUT',
        /limit is 100/,
      ],
      [
        'a manager the directory does not know',
        { as: 'SHARED', description: 'Lab', managers: ['nobodyxyz'] },
        'INVALID_INPUT',
        /no person "nobodyxyz"/,
      ],
      [
        'a malformed manager login',
        { as: 'SHARED', description: 'Lab', managers: ['bad login!'] },
        'INVALID_INPUT',
        /Login/,
      ],
      [
        'too many managers',
        { as: 'SHARED', description: 'Lab', managers: Array.from({ length: 21 }, (_, i) => `m${i}`) },
        'INVALID_INPUT',
        /at most 20/,
      ],
      [
        'a description on a personal number',
        { as: 'PERSONAL', description: 'Mine' },
        'INVALID_INPUT',
        /no description or managers/,
      ],
      [
        'a shared migration without description',
        { as: 'SHARED' },
        'DESCRIPTION_REQUIRED',
        /needs a description/,
      ],
      [
        'a shared migration with a blank description',
        { as: 'SHARED', description: '   ' },
        'DESCRIPTION_REQUIRED',
        /needs a description/,
      ],
      ['a target that does not exist', { as: 'BOTH' }, 'BAD_USER_INPUT', /MigrationTarget/],
    ])('refuses %s and changes nothing', async (_label, variables, code, message) => {
      const me = await person();
      const number = await legacy({ service: 'SKYPE', listedUnder: [me.login] });
      const response = await migrate(me.login, { number, ...variables });
      expect(errorCodes(response)).toEqual([code]);
      expect(response.errors![0].message).toMatch(message);
      expect(await api.world.dataSource.getRepository(PhoneNumberEntity).findOneBy({ number })).toMatchObject(
        {
          state: 'LEGACY',
          ownerLogin: null,
        },
      );
      expect(await api.world.requests.listForRequester(me.login)).toEqual([]);
    });

    it('refuses a personal migration of a number listed under several people with LEGACY_SHARED_ONLY', async () => {
      const me = await person();
      const colleague = await person();
      const number = await legacy({ service: 'ANALOGUE', listedUnder: [me.login, colleague.login] });
      const response = await migrate(me.login, { number, as: 'PERSONAL' });
      expect(errorCodes(response)).toEqual(['LEGACY_SHARED_ONLY']);
      expect(response.errors![0].message).toMatch(/Migrate it as shared instead/);
    });

    it('refuses a second personal number with ALREADY_HAS_PERSONAL_NUMBER', async () => {
      const me = await person();
      const number = await legacy({ service: 'SKYPE', listedUnder: [me.login] });
      await givePersonalNumber(me.login);
      const response = await migrate(me.login, { number, as: 'PERSONAL' });
      expect(errorCodes(response)).toEqual(['ALREADY_HAS_PERSONAL_NUMBER']);
      expect(response.errors![0].extensions?.category).toBe('CONFLICT');
    });

    it('refuses a number that is not a legacy number with NOT_FOUND', async () => {
      const me = await person();
      const response = await migrate(me.login, { number: '65999', as: 'PERSONAL' });
      expect(errorCodes(response)).toEqual(['NOT_FOUND']);
    });
  });

  describe('who may migrate a number', () => {
    async function arrange() {
      const owner = await person();
      const number = await legacy({ service: 'SKYPE', listedUnder: [owner.login] });
      return { owner, number };
    }
    const stateOf = async (number: string) =>
      (await api.world.dataSource.getRepository(PhoneNumberEntity).findOneByOrFail({ number })).state;

    it('the person it is listed under may', async () => {
      const { owner, number } = await arrange();
      const response = await migrate(owner.login, { number, as: 'PERSONAL' });
      expect(response.data?.migrateLegacyNumber.requester).toBe(owner.login);
      await waitForEnd(owner.login, response.data!.migrateLegacyNumber.id);
    });

    it('another user may not (NOT_OWNER), and learns whom to ask', async () => {
      const { owner, number } = await arrange();
      const other = await person();
      const response = await migrate(other.login, { number, as: 'SHARED', description: 'Mine now' });
      expect(errorCodes(response)).toEqual(['NOT_OWNER']);
      expect(response.errors![0].message).toContain(`Ask ${owner.login}`);
      expect(await stateOf(number)).toBe('LEGACY');
    });

    it('an ineligible person may not, even for their own number (NOT_ELIGIBLE)', async () => {
      const retired = await person({ personnelClass: 'RETR' });
      const number = await legacy({ service: 'SKYPE', listedUnder: [retired.login] });
      const response = await migrate(retired.login, { number, as: 'PERSONAL' });
      expect(errorCodes(response)).toEqual(['NOT_ELIGIBLE']);
      expect(await stateOf(number)).toBe('LEGACY');
    });

    it('a unit admin may not migrate someone else’s number, nor act on their behalf', async () => {
      const { owner, number } = await arrange();
      const admin = await person({ unit: 'IT' });
      const itAdmins = 'phone-admins-it';
      const directory = new SandboxDirectoryDriver(api.world.sandbox);
      const existing = await directory.groupMembers(itAdmins);
      if (existing === null)
        await directory.createGroup({
          name: itAdmins,
          description: 'IT',
          ownerLogin: admin.login,
          members: [admin.login],
        });
      else await directory.setGroupMembers(itAdmins, [...existing, admin.login]);

      expect(errorCodes(await migrate(admin.login, { number, as: 'PERSONAL' }))).toEqual(['NOT_OWNER']);
      const onBehalf = await migrate(
        admin.login,
        { number, as: 'PERSONAL' },
        {
          'x-switchboard-on-behalf-of': owner.login,
        },
      );
      expect(errorCodes(onBehalf)).toEqual(['FORBIDDEN']);
      expect(await stateOf(number)).toBe('LEGACY');
    });

    it('the service desk may, on the person’s behalf, and the action is audited', async () => {
      const { owner, number } = await arrange();
      const response = await migrate(
        desk,
        { number, as: 'PERSONAL' },
        { 'x-switchboard-on-behalf-of': owner.login },
      );
      expect(response.errors).toBeUndefined();
      const accepted = response.data!.migrateLegacyNumber;
      expect(accepted).toMatchObject({ requester: owner.login, actor: desk });
      expect((await waitForEnd(desk, accepted.id)).status).toBe('COMPLETED');
      const audit = await api.world.dataSource
        .getRepository(AuditEntryEntity)
        .findBy({ requestId: accepted.id });
      expect(audit).toEqual([
        expect.objectContaining({
          actor: desk,
          onBehalfOf: owner.login,
          action: 'MIGRATE_LEGACY',
          target: number,
          result: 'OK',
        }),
      ]);
    });

    it('the service desk acting for someone the number is not listed under is refused and audited', async () => {
      const { number } = await arrange();
      const other = await person();
      const response = await migrate(
        desk,
        { number, as: 'PERSONAL' },
        { 'x-switchboard-on-behalf-of': other.login },
      );
      expect(errorCodes(response)).toEqual(['NOT_OWNER']);
      const audit = await api.world.dataSource
        .getRepository(AuditEntryEntity)
        .findBy({ actor: desk, onBehalfOf: other.login });
      expect(audit).toEqual([expect.objectContaining({ result: 'REFUSED', target: number })]);
    });

    it('an anonymous caller may not (UNAUTHENTICATED)', async () => {
      const { number } = await arrange();
      expect(errorCodes(await migrate(undefined, { number, as: 'PERSONAL' }))).toEqual(['UNAUTHENTICATED']);
      expect(await stateOf(number)).toBe('LEGACY');
    });
  });
});
