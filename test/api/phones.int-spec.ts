import { IpPhoneEntity, RequestEntity } from '../../libs/persistence/entities';
import { errorCodes } from '../support/api-client';
import { ApiWorld } from '../support/api-world';
import { seedPerson } from '../support/factories';
import {
  colon,
  PHONE_GQL,
  waitForMyPhone,
  waitForRequest,
  type AcceptedRequest,
  type PhoneView,
} from '../support/phone-api';
import { randomMac, registerActivePhone, seedActiveNumber } from '../support/phone-fixtures';

describe('desk phones over HTTP (API + worker + PostgreSQL + Temporal)', () => {
  let api: ApiWorld;

  beforeAll(async () => {
    api = await ApiWorld.start();
    await api.world.startWorker();
  });

  afterAll(async () => {
    await api?.stop();
  });

  afterEach(async () => {
    await api.world.faults.clear();
  });

  const register = (user: string, variables: Record<string, unknown>) =>
    api.graphql<{ registerPhone: AcceptedRequest }>(PHONE_GQL.registerPhone, {
      user,
      variables: { modelId: 'polycom-vvx-450', office: '513/R-024', ...variables },
    });
  const myPhones = async (user: string) =>
    (await api.graphql<{ myPhones: PhoneView[] }>(PHONE_GQL.myPhones, { user })).data?.myPhones ?? [];

  async function owner() {
    const person = await seedPerson(api.world.sandbox);
    const number = await seedActiveNumber(api.world, { owner: person.login });
    return { login: person.login, person, number };
  }

  describe('queries', () => {
    it('phoneModels lists the catalogue with compatibility and add-ons', async () => {
      const { login } = await owner();
      const response = await api.graphql<{ phoneModels: Array<Record<string, unknown>> }>(
        PHONE_GQL.phoneModels,
        { user: login },
      );
      expect(response.errors).toBeUndefined();
      const models = response.data!.phoneModels;
      expect(models).toHaveLength(12);
      expect(models).toEqual(
        expect.arrayContaining([
          {
            id: 'polycom-vvx-450',
            manufacturer: 'Polycom',
            name: 'VVX 450',
            compatible: 'YES',
            addOn: false,
          },
          { id: 'polycom-d60', manufacturer: 'Polycom', name: 'D60 base', compatible: 'YES', addOn: true },
          {
            id: 'alcatel-ip-touch-4028',
            manufacturer: 'Alcatel',
            name: 'IP Touch 4028',
            compatible: 'SOON',
            addOn: false,
          },
          { id: 'cisco-7940', manufacturer: 'Cisco', name: '7940', compatible: 'NO', addOn: false },
          { id: 'yealink-t54w', manufacturer: 'Yealink', name: 'SIP-T54W', compatible: 'YES', addOn: false },
        ]),
      );
    });

    it('numbersForNewPhone lists active numbers I own or manage that have no phone', async () => {
      const { login, number } = await owner();
      const manager = await seedPerson(api.world.sandbox);
      const shared = await seedActiveNumber(api.world, {
        owner: login,
        type: 'SHARED',
        managers: [manager.login],
        description: 'Lab 2 bench',
      });
      const withPhone = await seedActiveNumber(api.world, { owner: login, type: 'SHARED' });
      await registerActivePhone(api.world, { requester: login, number: withPhone });

      const mine = await api.graphql<{ numbersForNewPhone: unknown[] }>(PHONE_GQL.numbersForNewPhone, {
        user: login,
      });
      expect(mine.data?.numbersForNewPhone).toEqual([
        { number: shared, type: 'SHARED', description: 'Lab 2 bench', role: 'OWNER' },
        { number, type: 'PERSONAL', description: null, role: 'OWNER' },
      ]);
      const managed = await api.graphql<{ numbersForNewPhone: unknown[] }>(PHONE_GQL.numbersForNewPhone, {
        user: manager.login,
      });
      expect(managed.data?.numbersForNewPhone).toEqual([
        { number: shared, type: 'SHARED', description: 'Lab 2 bench', role: 'MANAGER' },
      ]);
    });

    it('refuses anonymous queries with UNAUTHENTICATED', async () => {
      for (const query of [PHONE_GQL.phoneModels, PHONE_GQL.myPhones, PHONE_GQL.numbersForNewPhone]) {
        expect(errorCodes(await api.graphql(query))).toEqual(['UNAUTHENTICATED']);
      }
    });
  });

  describe('a phone from registration to removal', () => {
    it('registers, boots, pairs a D60, unpairs it, and unregisters, visible in myPhones throughout', async () => {
      const { login, number, person } = await owner();
      const manager = await seedPerson(api.world.sandbox);
      const shared = await seedActiveNumber(api.world, {
        owner: login,
        type: 'SHARED',
        managers: [manager.login],
      });
      const mac = randomMac();

      // Dotted upper-case notation in, canonical colon form out.
      const dotted = `${mac.slice(0, 4)}.${mac.slice(4, 8)}.${mac.slice(8)}`.toUpperCase();
      const accepted = await register(login, { number, mac: dotted, office: '  513/R-024 ' });
      expect(accepted.errors).toBeUndefined();
      expect(accepted.data?.registerPhone).toMatchObject({
        kind: 'REGISTER_PHONE',
        status: 'ACCEPTED',
        requester: login,
        actor: login,
        subject: colon(mac),
      });
      const requestId = accepted.data!.registerPhone.id;

      const pending = await waitForMyPhone(
        api,
        login,
        colon(mac),
        (p) => p.activation === 'PENDING_FIRST_BOOT',
      );
      expect(pending).toMatchObject({
        name: `TELEPHONE-${number}`,
        number,
        mac: colon(mac),
        compatible: 'YES',
        office: '513/R-024',
        model: { id: 'polycom-vvx-450', name: 'VVX 450' },
        requestId,
        activatedAt: null,
        d60Base: null,
      });
      expect(pending.ipAddress).toMatch(/^10\.50\./);

      const boot = await api.graphql<{ simulatePhoneBoot: Record<string, unknown> }>(
        PHONE_GQL.simulatePhoneBoot,
        {
          user: login,
          variables: { mac: mac.toUpperCase() },
        },
      );
      expect(boot.data?.simulatePhoneBoot).toMatchObject({ mac: colon(mac), number, registered: true });
      expect((await waitForRequest(api, login, requestId, ['COMPLETED', 'FAILED'])).status).toBe('COMPLETED');
      const active = await waitForMyPhone(api, login, colon(mac), (p) => p.activation === 'ACTIVE');
      expect(active.activatedAt).not.toBeNull();
      expect(active.lastConfigFetchAt).not.toBeNull();

      const baseMac = randomMac();
      const pairing = await api.graphql<{ pairD60: AcceptedRequest }>(PHONE_GQL.pairD60, {
        user: login,
        variables: {
          hostMac: colon(mac),
          baseMac: baseMac.replace(/(..)(?!$)/g, '$1-'),
          handsets: [number, shared],
        },
      });
      expect(pairing.data?.pairD60).toMatchObject({ kind: 'PAIR_D60', status: 'ACCEPTED' });
      expect(
        (await waitForRequest(api, login, pairing.data!.pairD60.id, ['COMPLETED', 'FAILED'])).status,
      ).toBe('COMPLETED');
      expect((await myPhones(login)).find((p) => p.mac === colon(mac))?.d60Base).toEqual({
        mac: colon(baseMac),
        handsets: [
          { slot: 1, number },
          { slot: 2, number: shared },
        ],
      });

      const unpairing = await api.graphql<{ unpairD60: AcceptedRequest }>(PHONE_GQL.unpairD60, {
        user: login,
        variables: { hostMac: mac },
      });
      expect(
        (await waitForRequest(api, login, unpairing.data!.unpairD60.id, ['COMPLETED', 'FAILED'])).status,
      ).toBe('COMPLETED');
      expect((await myPhones(login)).find((p) => p.mac === colon(mac))?.d60Base).toBeNull();

      const unregistering = await api.graphql<{ unregisterPhone: AcceptedRequest }>(
        PHONE_GQL.unregisterPhone,
        {
          user: login,
          variables: { mac: colon(mac) },
        },
      );
      expect(unregistering.data?.unregisterPhone).toMatchObject({
        kind: 'UNREGISTER_PHONE',
        status: 'ACCEPTED',
      });
      expect(
        (await waitForRequest(api, login, unregistering.data!.unregisterPhone.id, ['COMPLETED', 'FAILED']))
          .status,
      ).toBe('COMPLETED');
      expect(await myPhones(login)).toEqual([]);
      const free = await api.graphql<{ numbersForNewPhone: Array<{ number: string }> }>(
        PHONE_GQL.numbersForNewPhone,
        { user: person.login },
      );
      expect(free.data?.numbersForNewPhone.map((n) => n.number)).toContain(number);
    });

    it("shows a shared number's phone to its managers, and nobody else's phones", async () => {
      const { login } = await owner();
      const manager = await seedPerson(api.world.sandbox);
      const stranger = await seedPerson(api.world.sandbox);
      const shared = await seedActiveNumber(api.world, {
        owner: login,
        type: 'SHARED',
        managers: [manager.login],
      });
      const { mac } = await registerActivePhone(api.world, { requester: login, number: shared });

      expect((await myPhones(manager.login)).map((p) => [p.mac, p.activation])).toEqual([
        [colon(mac), 'ACTIVE'],
      ]);
      expect(await myPhones(stranger.login)).toEqual([]);
    });
  });

  describe('refusals', () => {
    const MALFORMED = [
      ['empty', ''],
      ['not hex', 'zz:zz:zz:zz:zz:zz'],
      ['too short', '00:04:f2:a1:b2'],
      ['too long', '00-04-f2-a1-b2-c3-d4'],
      ['mixed separators', '00:04-f2:a1:b2:c3'],
      ['dotted, short', '0004.f2a1.b2c'],
      ['bare, 13 digits', '0004f2a1b2c3d'],
      ['far too long', 'f'.repeat(200)],
      ['broadcast', 'ff:ff:ff:ff:ff:ff'],
      ['broadcast, dashes upper', 'FF-FF-FF-FF-FF-FF'],
      ['multicast', '01:00:5e:00:00:01'],
      ['multicast, dotted', '0100.5e00.0001'],
      ['all zero', '00:00:00:00:00:00'],
      ['all zero, bare', '000000000000'],
    ];

    it.each(MALFORMED)(
      'refuses a MAC that is %s with INVALID_MAC, in every mutation',
      async (_label, bad) => {
        const { login, number } = await owner();
        const responses = [
          await register(login, { number, mac: bad }),
          await api.graphql(PHONE_GQL.unregisterPhone, { user: login, variables: { mac: bad } }),
          await api.graphql(PHONE_GQL.pairD60, {
            user: login,
            variables: { hostMac: bad, baseMac: randomMac(), handsets: [number] },
          }),
          await api.graphql(PHONE_GQL.pairD60, {
            user: login,
            variables: { hostMac: randomMac(), baseMac: bad, handsets: [number] },
          }),
          await api.graphql(PHONE_GQL.simulatePhoneBoot, { user: login, variables: { mac: bad } }),
        ];
        for (const response of responses) {
          expect(errorCodes(response)).toEqual(['INVALID_MAC']);
          expect(response.errors![0].message.length).toBeLessThan(400);
          expect(response.errors![0].message).toMatch(/e\.g\. 00:04:F2:A1:B2:C3/);
        }
        expect(await api.world.dataSource.getRepository(IpPhoneEntity).countBy({ number })).toBe(0);
      },
    );

    it.each([
      ['colons, upper case', '00:04:F2:A1:B2:C3'],
      ['dashes', '00-04-f2-a1-b2-c3'],
      ['Cisco dots', '0004.f2a1.b2c3'],
      ['bare', '0004F2A1B2C3'],
    ])('reads a MAC written with %s', async (_label, notation) => {
      const { login } = await owner();
      const response = await api.graphql(PHONE_GQL.unregisterPhone, {
        user: login,
        variables: { mac: notation },
      });
      expect(errorCodes(response)).toEqual(['NOT_FOUND']);
      expect(response.errors![0].message).toContain('00:04:f2:a1:b2:c3');
    });

    it.each([
      ['empty', ''],
      ['blank', '   '],
      ['too long', 'B'.repeat(33)],
      ['oversized', 'B'.repeat(10_000)],
      ['a NUL character', '513/R-024\u0000'],
      ['a bell character', 'Room\u0007 12'],
      ['an escape sequence', '\u001b[31m513'],
      ['an emoji', '513 ☎'],
    ])('refuses an office that is %s with INVALID_INPUT and records nothing', async (_label, office) => {
      const { login, number } = await owner();
      const response = await register(login, { number, mac: randomMac(), office });
      expect(errorCodes(response)).toEqual(['INVALID_INPUT']);
      expect(response.errors![0].message).toMatch(/^Office: /);
      expect(await api.world.dataSource.getRepository(IpPhoneEntity).countBy({ number })).toBe(0);
    });

    it('refuses a number that is not a number with INVALID_INPUT, and an unknown one with NOT_FOUND', async () => {
      const { login } = await owner();
      expect(errorCodes(await register(login, { number: '65x01', mac: randomMac() }))).toEqual([
        'INVALID_INPUT',
      ]);
      expect(errorCodes(await register(login, { number: '99999', mac: randomMac() }))).toEqual(['NOT_FOUND']);
    });

    it.each([
      ['a model that is coming soon', 'alcatel-ip-touch-4028', 'MODEL_NOT_COMPATIBLE', /not supported yet/],
      [
        'an incompatible model',
        'cisco-7940',
        'MODEL_NOT_COMPATIBLE',
        /does not work with the new phone system/,
      ],
      ['an add-on registered as a phone', 'polycom-d60', 'MODEL_NOT_COMPATIBLE', /add-on, not a phone/],
      ['an unknown model', 'nokia-3310', 'INVALID_INPUT', /no phone model "nokia-3310"/],
    ])('refuses %s', async (_label, modelId, code, message) => {
      const { login, number } = await owner();
      const response = await register(login, { number, mac: randomMac(), modelId });
      expect(errorCodes(response)).toEqual([code]);
      expect(response.errors![0].message).toMatch(message);
    });

    it('refuses a MAC that another phone has with MAC_IN_USE, and a second phone on a number with NUMBER_HAS_PHONE', async () => {
      const { login, number } = await owner();
      const { mac } = await registerActivePhone(api.world, { requester: login, number });
      const other = await seedActiveNumber(api.world, { owner: login, type: 'SHARED' });

      const sameMac = await register(login, { number: other, mac });
      expect(errorCodes(sameMac)).toEqual(['MAC_IN_USE']);
      expect(sameMac.errors![0].message).toContain(`by the phone on ${number}`);
      const sameNumber = await register(login, { number, mac: randomMac() });
      expect(errorCodes(sameNumber)).toEqual(['NUMBER_HAS_PHONE']);
      expect(sameNumber.errors![0].message).toMatch(/Unregister that phone first/);
    });

    it("refuses someone else's personal number with NOT_OWNER and a shared number I do not manage with NOT_MANAGER", async () => {
      const { number: personal } = await owner();
      const { login: otherOwner } = await owner();
      const shared = await seedActiveNumber(api.world, { owner: otherOwner, type: 'SHARED' });
      const stranger = await seedPerson(api.world.sandbox);

      expect(errorCodes(await register(stranger.login, { number: personal, mac: randomMac() }))).toEqual([
        'NOT_OWNER',
      ]);
      const response = await register(stranger.login, { number: shared, mac: randomMac() });
      expect(errorCodes(response)).toEqual(['NOT_MANAGER']);
      expect(response.errors![0].message).toContain(`phone-mngr-${shared}`);
    });

    it('refuses a person who may no longer use the service with NOT_ELIGIBLE', async () => {
      const person = await seedPerson(api.world.sandbox, { contractEnd: new Date('2020-01-31T00:00:00Z') });
      const number = await seedActiveNumber(api.world, { owner: person.login });
      const response = await register(person.login, { number, mac: randomMac() });
      expect(errorCodes(response)).toEqual(['NOT_ELIGIBLE']);
      expect(response.errors![0].message).toMatch(/contract ended on 2020-01-31/);
    });

    it('refuses to unregister a phone whose registration is still running with REQUEST_IN_PROGRESS', async () => {
      const { login, number } = await owner();
      const mac = randomMac();
      const accepted = await register(login, { number, mac });
      await waitForMyPhone(api, login, colon(mac), (p) => p.activation === 'PENDING_FIRST_BOOT');

      const response = await api.graphql(PHONE_GQL.unregisterPhone, { user: login, variables: { mac } });
      expect(errorCodes(response)).toEqual(['REQUEST_IN_PROGRESS']);
      expect(response.errors![0].message).toMatch(/Wait until it finishes/);

      await api.graphql(PHONE_GQL.simulatePhoneBoot, { user: login, variables: { mac } });
      await waitForRequest(api, login, accepted.data!.registerPhone.id, ['COMPLETED']);
    });

    it('refuses D60 pairings that break the rules', async () => {
      const { login, number } = await owner();
      const { mac: hostMac } = await registerActivePhone(api.world, { requester: login, number });
      const { number: notMine } = await owner();
      const pair = (variables: Record<string, unknown>) =>
        api.graphql(PHONE_GQL.pairD60, {
          user: login,
          variables: { hostMac, baseMac: randomMac(), handsets: [number], ...variables },
        });

      expect(errorCodes(await pair({ handsets: [] }))).toEqual(['INVALID_INPUT']);
      expect(errorCodes(await pair({ handsets: Array(6).fill(number) }))).toEqual(['INVALID_INPUT']);
      expect((await pair({ handsets: [number, number] })).errors![0].message).toMatch(/listed twice/);
      expect(errorCodes(await pair({ baseMac: hostMac }))).toEqual(['INVALID_INPUT']);
      expect(errorCodes(await pair({ handsets: [notMine] }))).toEqual(['NOT_OWNER']);
      expect(errorCodes(await pair({ hostMac: randomMac() }))).toEqual(['NOT_FOUND']);
      // The base's MAC is a phone's.
      const lab = await seedActiveNumber(api.world, { owner: login, type: 'SHARED' });
      const other = await registerActivePhone(api.world, { requester: login, number: lab });
      expect(errorCodes(await pair({ baseMac: other.mac }))).toEqual(['MAC_IN_USE']);
    });

    it('refuses to pair a D60 with a host that is not ACTIVE', async () => {
      const { login, number } = await owner();
      const mac = randomMac();
      const accepted = await register(login, { number, mac });
      await waitForMyPhone(api, login, colon(mac), (p) => p.activation === 'PENDING_FIRST_BOOT');

      const response = await api.graphql(PHONE_GQL.pairD60, {
        user: login,
        variables: { hostMac: mac, baseMac: randomMac(), handsets: [number] },
      });
      expect(errorCodes(response)).toEqual(['INVALID_STATE']);
      expect(response.errors![0].message).toMatch(
        /is PENDING_FIRST_BOOT; a D60 base can be paired with an ACTIVE phone only/,
      );

      await api.graphql(PHONE_GQL.simulatePhoneBoot, { user: login, variables: { mac } });
      await waitForRequest(api, login, accepted.data!.registerPhone.id, ['COMPLETED']);
    });

    it('refuses to boot a phone that is not registered', async () => {
      const { login } = await owner();
      const response = await api.graphql(PHONE_GQL.simulatePhoneBoot, {
        user: login,
        variables: { mac: randomMac() },
      });
      expect(errorCodes(response)).toEqual(['NOT_FOUND']);
    });
  });

  describe('races', () => {
    it('accepts exactly one of two simultaneous registrations of one MAC', async () => {
      const { login, number } = await owner();
      const shared = await seedActiveNumber(api.world, { owner: login, type: 'SHARED' });
      const mac = randomMac();
      const responses = await Promise.all([
        register(login, { number, mac }),
        register(login, { number: shared, mac }),
      ]);

      const winners = responses.filter((r) => r.data?.registerPhone);
      expect(winners).toHaveLength(1);
      const losers = responses.filter((r) => r.errors).map(errorCodes);
      expect(losers).toHaveLength(1);
      expect(['MAC_IN_USE', 'REQUEST_IN_PROGRESS']).toContain(losers[0][0]);
      expect(await api.world.dataSource.getRepository(IpPhoneEntity).countBy({ mac })).toBe(1);
      // The loser left nothing behind: no request row, no lock.
      const requests = await api.world.dataSource.getRepository(RequestEntity).countBy({ requester: login });
      expect(requests).toBe(1);

      await waitForMyPhone(api, login, colon(mac), (p) => p.activation === 'PENDING_FIRST_BOOT');
      await api.graphql(PHONE_GQL.simulatePhoneBoot, { user: login, variables: { mac } });
      await waitForRequest(api, login, winners[0].data!.registerPhone.id, ['COMPLETED']);
    });

    it('accepts exactly one of two simultaneous phones on one number', async () => {
      const { login, number } = await owner();
      const [a, b] = [randomMac(), randomMac()];
      const responses = await Promise.all([
        register(login, { number, mac: a }),
        register(login, { number, mac: b }),
      ]);

      const winners = responses.filter((r) => r.data?.registerPhone);
      expect(winners).toHaveLength(1);
      const losers = responses.filter((r) => r.errors).map(errorCodes);
      expect(['NUMBER_HAS_PHONE', 'REQUEST_IN_PROGRESS']).toContain(losers[0]?.[0]);
      expect(await api.world.dataSource.getRepository(IpPhoneEntity).countBy({ number })).toBe(1);

      const winnerMac = (await api.world.dataSource.getRepository(IpPhoneEntity).findOneByOrFail({ number }))
        .mac;
      await waitForMyPhone(api, login, colon(winnerMac), (p) => p.activation === 'PENDING_FIRST_BOOT');
      await api.graphql(PHONE_GQL.simulatePhoneBoot, { user: login, variables: { mac: winnerMac } });
      await waitForRequest(api, login, winners[0].data!.registerPhone.id, ['COMPLETED']);
    });
  });
});
