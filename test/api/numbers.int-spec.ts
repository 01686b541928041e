import { randomUUID } from 'node:crypto';
import {
  AuditEntryEntity,
  IpPhoneEntity,
  PersonEntity,
  PhoneNumberEntity,
  ResourceLockEntity,
} from '../../libs/persistence/entities';
import { PeopleService } from '../../apps/api/src/common/people.service';
import { errorCodes } from '../support/api-client';
import { ApiWorld } from '../support/api-world';
import { seedPerson } from '../support/factories';
import {
  accepted,
  completed,
  finished,
  GQL,
  onBehalfOf,
  seedDeskAgent,
  type RequestView,
  updatePerson,
} from '../support/number-api';

describe('numbers over HTTP (API + worker + PostgreSQL + Temporal)', () => {
  let api: ApiWorld;
  let desk: string;

  beforeAll(async () => {
    api = await ApiWorld.start();
    await api.world.startWorker();
    desk = (await seedDeskAgent(api)).login;
  });

  afterAll(async () => {
    await api?.stop();
  });

  const gql = <T = Record<string, unknown>>(
    user: string | undefined,
    document: string,
    variables: Record<string, unknown> = {},
    headers: Record<string, string> = {},
  ) => api.graphql<T>(document, { user, variables, headers });

  async function sharedNumber(
    owner: string,
    managers: string[] = [],
    description = 'Lab 2 bench',
  ): Promise<string> {
    const done = await completed(api, owner, GQL.requestSharedNumber, { description, managers });
    expect(done.status).toBe('COMPLETED');
    return done.number!;
  }

  async function personalNumber(owner: string): Promise<string> {
    const done = await completed(api, owner, GQL.requestPersonalNumber);
    expect(done.status).toBe('COMPLETED');
    return done.number!;
  }

  describe('me', () => {
    it('describes the caller, their eligibility and roles', async () => {
      const person = await seedPerson(api.world.sandbox, { unit: 'EP', office: '31/2-015' });
      const response = await gql(person.login, GQL.me);
      expect(response.data).toEqual({
        me: {
          login: person.login,
          name: person.displayName,
          mail: person.mail,
          office: '31/2-015',
          unit: 'EP',
          personnelClass: 'STAF',
          eligible: true,
          ineligibleReason: null,
          isServiceDesk: false,
          unitAdminOf: [],
        },
      });
    });

    it('says why someone may not use the service', async () => {
      const contractor = await seedPerson(api.world.sandbox, {
        personnelClass: 'EXTN',
        personnelSubCode: 'CONT',
      });
      const response = await gql<{ me: { eligible: boolean; ineligibleReason: string } }>(
        contractor.login,
        GQL.me,
      );
      expect(response.data?.me.eligible).toBe(false);
      expect(response.data?.me.ineligibleReason).toMatch(/Personnel class EXTN\/CONT is not authorised/);
    });

    it('shows the service desk its role, and the person it acts for when on their behalf', async () => {
      const person = await seedPerson(api.world.sandbox);
      const own = await gql<{ me: { login: string; isServiceDesk: boolean } }>(desk, GQL.me);
      expect(own.data?.me).toMatchObject({ login: desk, isServiceDesk: true });
      const forPerson = await gql<{ me: { login: string; isServiceDesk: boolean } }>(
        desk,
        GQL.me,
        {},
        onBehalfOf(person.login),
      );
      expect(forPerson.data?.me).toMatchObject({ login: person.login, isServiceDesk: false });
    });

    it('refuses anonymous callers', async () => {
      expect(errorCodes(await gql(undefined, GQL.me))).toEqual(['UNAUTHENTICATED']);
    });

    it('caches a new person once even when their first requests arrive together', async () => {
      const people = api.api.get(PeopleService);
      for (let i = 0; i < 5; i += 1) {
        const person = await seedPerson(api.world.sandbox);
        const results = await Promise.allSettled([people.lookUp(person.login), people.lookUp(person.login)]);
        expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled']);
        expect(await api.world.dataSource.getRepository(PersonEntity).countBy({ login: person.login })).toBe(
          1,
        );
      }
    });
  });

  describe('shared numbers', () => {
    it('requests a shared number, then lists it for its owner and its managers', async () => {
      const owner = await seedPerson(api.world.sandbox);
      const manager = await seedPerson(api.world.sandbox);
      const response = await gql<{ requestSharedNumber: RequestView }>(owner.login, GQL.requestSharedNumber, {
        description: '  Salle de réunion\t40-S2-C01 ',
        managers: [manager.login.toUpperCase()],
      });
      expect(response.data?.requestSharedNumber).toMatchObject({
        kind: 'NEW_SHARED_NUMBER',
        status: 'ACCEPTED',
        requester: owner.login,
      });
      const done = await finished(api, owner.login, response.data!.requestSharedNumber.id);
      expect(done.status).toBe('COMPLETED');
      const number = done.number!;

      const mine = await gql(owner.login, GQL.mySharedNumbers);
      expect(mine.data).toEqual({
        mySharedNumbers: [
          {
            number,
            description: 'Salle de réunion 40-S2-C01',
            owner: owner.login,
            managersGroup: { name: `phone-mngr-${number}`, members: [manager.login] },
            inPhonebook: true,
            myRole: 'OWNER',
            state: 'ACTIVE',
          },
        ],
      });
      const theirs = await gql<{ mySharedNumbers: Array<{ number: string; myRole: string }> }>(
        manager.login,
        GQL.mySharedNumbers,
      );
      expect(theirs.data?.mySharedNumbers).toEqual([expect.objectContaining({ number, myRole: 'MANAGER' })]);
      const stranger = await seedPerson(api.world.sandbox);
      expect((await gql(stranger.login, GQL.mySharedNumbers)).data).toEqual({ mySharedNumbers: [] });
    });

    it.each([
      ['an empty description', '   ', [], 'DESCRIPTION_REQUIRED', /needs a description/],
      [
        'an oversized description',
        'x'.repeat(101),
        [],
        'INVALID_INPUT',
        /101 characters is too long; the limit is 100/,
      ],
      ['a control character', 'Lab\u0007 2', [], 'INVALID_INPUT', /control character \(U\+0007\)/],
      [
        'an LDAP filter as description',
        '*)(uid=*',
        [],
        'INVALID_INPUT',
        /"=" \(U\+003D\), which is not allowed/,
      ],
      [
        'an LDAP filter as a manager',
        'Lab 2',
        ['*)(uid=*'],
        'INVALID_INPUT',
        /Login: contains "=" \(U\+003D\), which is not allowed/,
      ],
      [
        'an unknown manager',
        'Lab 2',
        ['nosuchperson1', 'nosuchperson2'],
        'INVALID_INPUT',
        /no people nosuchperson1, nosuchperson2/,
      ],
      [
        'too many managers',
        'Lab 2',
        Array.from({ length: 51 }, (_, i) => `m${i}`),
        'INVALID_INPUT',
        /at most 50/,
      ],
    ])('refuses %s, starting nothing', async (_label, description, managers, code, message) => {
      const owner = await seedPerson(api.world.sandbox);
      const response = await gql(owner.login, GQL.requestSharedNumber, { description, managers });
      expect(errorCodes(response)).toEqual([code]);
      expect(response.errors![0].message).toMatch(message);
      expect(JSON.stringify(response)).not.toMatch(/stack|at \w+ \(/);
      expect((await gql(owner.login, `{ myRequests { id } }`)).data).toEqual({ myRequests: [] });
    });

    it('refuses someone who may not use the service', async () => {
      const contractor = await seedPerson(api.world.sandbox, {
        personnelClass: 'EXTN',
        personnelSubCode: 'CONT',
      });
      const response = await gql(contractor.login, GQL.requestSharedNumber, { description: 'Lab 2' });
      expect(errorCodes(response)).toEqual(['NOT_ELIGIBLE']);
    });

    it('changes the description (a manager may) and refuses it on a personal number', async () => {
      const owner = await seedPerson(api.world.sandbox);
      const manager = await seedPerson(api.world.sandbox);
      const number = await sharedNumber(owner.login, [manager.login]);
      const done = await completed(api, manager.login, GQL.changeDescription, {
        number,
        description: 'Cryo lab',
      });
      expect(done).toMatchObject({
        status: 'COMPLETED',
        kind: 'CHANGE_DESCRIPTION',
        requester: manager.login,
      });
      expect(
        (await api.world.dataSource.getRepository(PhoneNumberEntity).findOneByOrFail({ number })).description,
      ).toBe('Cryo lab');
      const empty = await gql(owner.login, GQL.changeDescription, { number, description: '' });
      expect(errorCodes(empty)).toEqual(['DESCRIPTION_REQUIRED']);

      const personal = await personalNumber(owner.login);
      const refused = await gql(owner.login, GQL.changeDescription, { number: personal, description: 'X' });
      expect(errorCodes(refused)).toEqual(['INVALID_STATE']);
      expect(refused.errors![0].message).toMatch(/is a personal number, so it has no description/);
    });

    it('edits the managers e-group (owner only)', async () => {
      const owner = await seedPerson(api.world.sandbox);
      const [a, b] = [await seedPerson(api.world.sandbox), await seedPerson(api.world.sandbox)];
      const number = await sharedNumber(owner.login, [a.login]);
      const byManager = await gql(a.login, GQL.setManagers, { number, members: [b.login] });
      expect(errorCodes(byManager)).toEqual(['NOT_OWNER']);
      expect(
        (await completed(api, owner.login, GQL.setManagers, { number, members: [a.login, b.login] })).status,
      ).toBe('COMPLETED');
      const listed = await gql<{ mySharedNumbers: Array<{ managersGroup: { members: string[] } }> }>(
        b.login,
        GQL.mySharedNumbers,
      );
      expect(listed.data?.mySharedNumbers[0].managersGroup.members).toEqual([a.login, b.login].sort());
    });

    it('lets only one of two simultaneous requests on a number through', async () => {
      const owner = await seedPerson(api.world.sandbox);
      const number = await sharedNumber(owner.login);
      const [x, y] = await Promise.all([
        gql<{ changeDescription: RequestView }>(owner.login, GQL.changeDescription, {
          number,
          description: 'A',
        }),
        gql<{ changeDescription: RequestView }>(owner.login, GQL.setPhonebookListing, {
          number,
          listed: false,
        }),
      ]);
      const winners = [x, y].filter((r) => !r.errors);
      const losers = [x, y].filter((r) => r.errors);
      expect(winners).toHaveLength(1);
      expect(losers.map(errorCodes)).toEqual([['REQUEST_IN_PROGRESS']]);
      expect(losers[0].errors![0].message).toMatch(new RegExp(`number:${number}.*Wait until it finishes`));
      await finished(api, owner.login, accepted(winners[0]).id);
    });
  });

  describe('personal numbers', () => {
    it('shows my personal number and takes it out of the phonebook and back', async () => {
      const person = await seedPerson(api.world.sandbox);
      expect((await gql(person.login, GQL.myPersonalNumber)).data).toEqual({ myPersonalNumber: null });
      const number = await personalNumber(person.login);
      expect((await gql(person.login, GQL.myPersonalNumber)).data).toEqual({
        myPersonalNumber: { number, state: 'ACTIVE', inPhonebook: true },
      });
      const off = await completed(api, person.login, GQL.setPhonebookListing, { number, listed: false });
      expect(off).toMatchObject({ status: 'COMPLETED', kind: 'SET_PHONEBOOK_LISTING', subject: number });
      expect((await gql(person.login, GQL.myPersonalNumber)).data).toEqual({
        myPersonalNumber: { number, state: 'ACTIVE', inPhonebook: false },
      });
    });

    it('turns it into a shared number: it leaves myPersonalNumber and appears in mySharedNumbers', async () => {
      const person = await seedPerson(api.world.sandbox);
      const number = await personalNumber(person.login);
      const done = await completed(api, person.login, GQL.turnToShared, {
        number,
        description: 'Lab 7 hotline',
      });
      expect(done.status).toBe('COMPLETED');
      expect((await gql(person.login, GQL.myPersonalNumber)).data).toEqual({ myPersonalNumber: null });
      expect((await gql(person.login, GQL.mySharedNumbers)).data).toMatchObject({
        mySharedNumbers: [{ number, description: 'Lab 7 hotline', myRole: 'OWNER' }],
      });
      const again = await gql(person.login, GQL.turnToShared, { number, description: 'x' });
      expect(errorCodes(again)).toEqual(['INVALID_STATE']);
      expect(again.errors![0].message).toBe(`${number} is already a shared number.`);
    });

    it("refuses someone else's number without naming its owner", async () => {
      const owner = await seedPerson(api.world.sandbox);
      const other = await seedPerson(api.world.sandbox);
      const number = await personalNumber(owner.login);
      for (const document of [GQL.setPhonebookListing, GQL.deleteNumber, GQL.turnToShared]) {
        const response = await gql(other.login, document, { number, listed: false, description: 'x' });
        expect(errorCodes(response)).toEqual(['NOT_OWNER']);
        expect(response.errors![0].message).toBe(
          `${number} is not one of your numbers: only its owner can change it. Pick one of your numbers, or ask the service desk.`,
        );
        expect(JSON.stringify(response)).not.toContain(owner.login);
      }
    });

    it.each([
      ['a number outside every pool', 'NOT_FOUND', '12345'],
      ['something that is not a number', 'INVALID_INPUT', "70001' OR 1=1"],
      ['an LDAP filter', 'INVALID_INPUT', '*)(uid=*'],
    ])('answers %s with %s', async (_label, code, number) => {
      const person = await seedPerson(api.world.sandbox);
      expect(errorCodes(await gql(person.login, GQL.setPhonebookListing, { number, listed: true }))).toEqual([
        code,
      ]);
    });

    it("locks the MACs of the number's phones too: a request on one of them blocks the deletion", async () => {
      const person = await seedPerson(api.world.sandbox);
      const number = await personalNumber(person.login);
      const mac = randomUUID().replace(/-/g, '').slice(0, 12);
      await api.world.dataSource.getRepository(IpPhoneEntity).insert({
        id: randomUUID(),
        mac,
        number,
        name: `TELEPHONE-${number}`,
        modelId: 'polycom-vvx-450',
        office: null,
        ownerLogin: person.login,
        activation: 'ACTIVE',
        requestId: null,
        ipAddress: null,
        provisioningSecret: null,
        lastFetchAt: null,
        activatedAt: new Date(),
      });
      const locks = api.world.dataSource.getRepository(ResourceLockEntity);
      const phoneRequest = randomUUID();
      await locks.insert({
        resource: `mac:${mac}`,
        requestId: phoneRequest,
        workflowId: `phone-${mac}`,
        acquiredAt: new Date(),
      });
      try {
        const response = await gql(person.login, GQL.deleteNumber, { number });
        expect(errorCodes(response)).toEqual(['REQUEST_IN_PROGRESS']);
        expect(response.errors![0].message).toContain(`(${phoneRequest}) is already working on mac:${mac}`);
        // All locks or none: the number itself stays free.
        expect(await locks.findOneBy({ resource: `number:${number}` })).toBeNull();
      } finally {
        await locks.delete({ requestId: phoneRequest });
        await api.world.dataSource.getRepository(IpPhoneEntity).delete({ mac });
      }
    });

    it('deletes it; the owner may then ask for a new one', async () => {
      const person = await seedPerson(api.world.sandbox);
      const number = await personalNumber(person.login);
      const done = await completed(api, person.login, GQL.deleteNumber, { number });
      expect(done).toMatchObject({ status: 'COMPLETED', kind: 'DELETE_NUMBER' });
      const row = await api.world.dataSource.getRepository(PhoneNumberEntity).findOneByOrFail({ number });
      expect(row).toMatchObject({ state: 'QUARANTINED', ownerLogin: null });
      // QUARANTINE_DAYS (90 by default) from today.
      expect(row.quarantineUntil!.getTime() - Date.now()).toBeGreaterThan(89 * 86_400_000);
      expect((await gql(person.login, GQL.myPersonalNumber)).data).toEqual({ myPersonalNumber: null });
      expect((await completed(api, person.login, GQL.requestPersonalNumber)).status).toBe('COMPLETED');
    });
  });

  describe('change of owner', () => {
    /** Waits until the workflow has opened the offer (it records it after checking the candidate). */
    async function offerFor(login: string, requestId: string): Promise<void> {
      const deadline = Date.now() + 20_000;
      while (Date.now() < deadline) {
        const offers = await gql<{ myOwnershipOffers: Array<{ requestId: string }> }>(
          login,
          GQL.myOwnershipOffers,
        );
        if (offers.data?.myOwnershipOffers.some((o) => o.requestId === requestId)) return;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      throw new Error(`no offer ${requestId} for ${login}`);
    }

    it('is proposed by a manager, listed for the proposed owner, and accepted only by them', async () => {
      const owner = await seedPerson(api.world.sandbox);
      const manager = await seedPerson(api.world.sandbox);
      const candidate = await seedPerson(api.world.sandbox);
      const stranger = await seedPerson(api.world.sandbox);
      const number = await sharedNumber(owner.login, [manager.login], 'Help line');

      const proposal = accepted(
        await gql(manager.login, GQL.proposeOwner, { number, newOwner: candidate.login }),
      );
      expect(proposal).toMatchObject({ kind: 'CHANGE_OWNER', status: 'ACCEPTED', subject: number });
      let offers: Array<Record<string, unknown>> = [];
      const deadline = Date.now() + 20_000;
      while (offers.length === 0 && Date.now() < deadline) {
        offers = (
          await gql<{ myOwnershipOffers: Array<Record<string, unknown>> }>(
            candidate.login,
            GQL.myOwnershipOffers,
          )
        ).data!.myOwnershipOffers;
      }
      expect(offers).toEqual([
        {
          requestId: proposal.id,
          number,
          description: 'Help line',
          currentOwner: owner.login,
          proposedBy: manager.login,
          expiresAt: expect.any(String),
        },
      ]);
      expect(Date.parse(offers[0].expiresAt as string) - Date.now()).toBeGreaterThan(13 * 86_400_000);
      expect((await gql(stranger.login, GQL.myOwnershipOffers)).data).toEqual({ myOwnershipOffers: [] });

      // Nobody else may answer: not a stranger, not the owner, not the service desk for them.
      for (const [user, headers] of [
        [stranger.login, {}],
        [owner.login, {}],
        [desk, onBehalfOf(candidate.login)],
      ] as const) {
        const response = await gql(
          user,
          GQL.respondToOwnership,
          { requestId: proposal.id, accept: true },
          headers,
        );
        expect(errorCodes(response)).toEqual(['NOT_OWNER']);
      }
      const bogus = await gql(candidate.login, GQL.respondToOwnership, { requestId: 'nope', accept: true });
      expect(errorCodes(bogus)).toEqual(['NOT_FOUND']);

      const answer = await gql<{ respondToOwnership: RequestView }>(candidate.login, GQL.respondToOwnership, {
        requestId: proposal.id,
        accept: true,
      });
      expect(answer.errors).toBeUndefined();
      expect((await finished(api, manager.login, proposal.id)).status).toBe('COMPLETED');
      expect((await gql(candidate.login, GQL.mySharedNumbers)).data).toMatchObject({
        mySharedNumbers: [{ number, owner: candidate.login, myRole: 'OWNER' }],
      });
      expect((await gql(candidate.login, GQL.myOwnershipOffers)).data).toEqual({ myOwnershipOffers: [] });
      const late = await gql(candidate.login, GQL.respondToOwnership, {
        requestId: proposal.id,
        accept: false,
      });
      expect(errorCodes(late)).toEqual(['INVALID_STATE']);
    });

    it('ends FAILED with the reason when the proposed owner refuses', async () => {
      const owner = await seedPerson(api.world.sandbox);
      const candidate = await seedPerson(api.world.sandbox);
      const number = await sharedNumber(owner.login);
      const proposal = accepted(
        await gql(owner.login, GQL.proposeOwner, { number, newOwner: candidate.login }),
      );
      let answer = await gql(candidate.login, GQL.respondToOwnership, {
        requestId: proposal.id,
        accept: false,
      });
      // The offer is recorded by the workflow a moment after the request is accepted.
      for (let i = 0; i < 100 && errorCodes(answer)[0] === 'NOT_FOUND'; i += 1) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        answer = await gql(candidate.login, GQL.respondToOwnership, {
          requestId: proposal.id,
          accept: false,
        });
      }
      expect(answer.errors).toBeUndefined();
      const done = await finished(api, owner.login, proposal.id);
      expect(done).toMatchObject({
        status: 'FAILED',
        failureReason: `${candidate.login} refused to own ${number}; nothing was changed.`,
      });
    });

    it('refuses an answer from a proposed owner who is no longer eligible', async () => {
      const owner = await seedPerson(api.world.sandbox);
      const candidate = await seedPerson(api.world.sandbox);
      const number = await sharedNumber(owner.login);
      const proposal = accepted(
        await gql(owner.login, GQL.proposeOwner, { number, newOwner: candidate.login }),
      );
      // Once the offer is open (the workflow checked the candidate then), the candidate leaves.
      await offerFor(candidate.login, proposal.id);
      await updatePerson(api, candidate.login, { personnelClass: 'RETR' });
      const answer = await gql(candidate.login, GQL.respondToOwnership, {
        requestId: proposal.id,
        accept: true,
      });
      expect(errorCodes(answer)).toEqual(['NOT_ELIGIBLE']);
      const anonymous = await gql(undefined, GQL.respondToOwnership, {
        requestId: proposal.id,
        accept: true,
      });
      expect(errorCodes(anonymous)).toEqual(['UNAUTHENTICATED']);
      await updatePerson(api, candidate.login, { personnelClass: 'STAF' });
      await gql(candidate.login, GQL.respondToOwnership, { requestId: proposal.id, accept: false });
      expect((await finished(api, owner.login, proposal.id)).status).toBe('FAILED');
      expect(
        (await api.world.dataSource.getRepository(PhoneNumberEntity).findOneByOrFail({ number })).ownerLogin,
      ).toBe(owner.login);
    });

    it.each([
      ['someone who may not own numbers', { personnelClass: 'RETR' }, 'NOT_ELIGIBLE', /cannot own a number/],
      ['an unknown login', null, 'UNKNOWN_PERSON', /no person/],
      ['an LDAP filter', '*)(uid=*', 'INVALID_INPUT', /Login: contains "="/],
    ])('refuses to propose %s', async (_label, who, code, message) => {
      const owner = await seedPerson(api.world.sandbox);
      const number = await sharedNumber(owner.login);
      const newOwner =
        typeof who === 'string'
          ? who
          : who
            ? (await seedPerson(api.world.sandbox, who)).login
            : 'nobodyatall';
      const response = await gql(owner.login, GQL.proposeOwner, { number, newOwner });
      expect(errorCodes(response)).toEqual([code]);
      expect(response.errors![0].message).toMatch(message);
    });
  });

  describe('acting on behalf', () => {
    it('lets the service desk act for a person, and audits it', async () => {
      const owner = await seedPerson(api.world.sandbox);
      const number = await sharedNumber(owner.login);
      const done = await completed(
        api,
        desk,
        GQL.changeDescription,
        { number, description: 'Set by the desk' },
        onBehalfOf(owner.login),
      );
      expect(done).toMatchObject({ status: 'COMPLETED', requester: owner.login, actor: desk });
      const audit = await api.world.dataSource.getRepository(AuditEntryEntity).findBy({ requestId: done.id });
      expect(audit).toEqual([
        expect.objectContaining({
          actor: desk,
          onBehalfOf: owner.login,
          action: 'CHANGE_DESCRIPTION',
          target: number,
        }),
      ]);
    });
  });

  describe('softphone numbers', () => {
    it('answers the active numbers I own or manage, over GraphQL and GET /softphone/numbers', async () => {
      const person = await seedPerson(api.world.sandbox);
      const other = await seedPerson(api.world.sandbox);
      const personal = await personalNumber(person.login);
      const owned = await sharedNumber(person.login);
      const managed = await sharedNumber(other.login, [person.login]);
      await sharedNumber(other.login);
      const expected = { personal: [personal], shared: [owned, managed].sort() };

      expect((await gql(person.login, GQL.softphoneNumbers)).data).toEqual({ softphoneNumbers: expected });
      const response = await fetch(`${api.url}/softphone/numbers`, {
        headers: { 'x-switchboard-user': person.login },
      });
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual(expected);
    });

    it('refuses an anonymous or malformed caller', async () => {
      const anonymous = await fetch(`${api.url}/softphone/numbers`);
      expect(anonymous.status).toBe(401);
      expect(await anonymous.json()).toMatchObject({ code: 'UNAUTHENTICATED' });
      const malformed = await fetch(`${api.url}/softphone/numbers`, {
        headers: { 'x-switchboard-user': '*)(uid=*' },
      });
      expect(malformed.status).toBe(401);
      expect(await malformed.text()).not.toMatch(/stack|at \w+ \(/);
    });
  });
});
