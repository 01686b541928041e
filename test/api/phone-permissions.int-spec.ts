import { randomUUID } from 'node:crypto';
import { AuditLog } from '../../libs/audit/audit-log';
import { D60BaseEntity, IpPhoneEntity } from '../../libs/persistence/entities';
import { errorCodes } from '../support/api-client';
import { ApiWorld } from '../support/api-world';
import { seedPerson } from '../support/factories';
import { PHONE_GQL, seedDeskAgent, waitForRequest, type AcceptedRequest } from '../support/phone-api';
import {
  bootPhone,
  configRow,
  randomMac,
  registerActivePhone,
  seedActiveNumber,
  waitForPhone,
} from '../support/phone-fixtures';

type Who =
  'owner' | 'manager' | 'other user' | 'ineligible manager' | 'service desk' | 'anonymous' | 'impostor';

/** docs/domain.md §4: phones of a shared number are for its owner and its managers e-group; the desk may act for them. */
const EXPECTED: Array<[Who, string]> = [
  ['owner', 'ALLOWED'],
  ['manager', 'ALLOWED'],
  ['other user', 'NOT_MANAGER'],
  ['ineligible manager', 'NOT_ELIGIBLE'],
  ['service desk', 'ALLOWED'],
  ['anonymous', 'UNAUTHENTICATED'],
  // Someone outside the service desk naming a person to act for.
  ['impostor', 'FORBIDDEN'],
];

const ACTIONS = ['registerPhone', 'unregisterPhone', 'pairD60', 'unpairD60'] as const;
type Action = (typeof ACTIONS)[number];

describe('who may register, unregister and pair phones (over HTTP)', () => {
  let api: ApiWorld;
  let desk: string;

  beforeAll(async () => {
    api = await ApiWorld.start();
    await api.world.startWorker();
    desk = await seedDeskAgent(api);
  });

  afterAll(async () => {
    await api?.stop();
  });

  /** A shared number with its owner and managers (one of them ineligible), and a stranger. */
  async function sharedNumber() {
    const [owner, manager, stranger] = await Promise.all([
      seedPerson(api.world.sandbox),
      seedPerson(api.world.sandbox),
      seedPerson(api.world.sandbox),
    ]);
    const ineligible = await seedPerson(api.world.sandbox, {
      personnelClass: 'EXTN',
      personnelSubCode: 'CONT',
    });
    const number = await seedActiveNumber(api.world, {
      owner: owner.login,
      type: 'SHARED',
      managers: [manager.login, ineligible.login],
    });
    return {
      owner: owner.login,
      manager: manager.login,
      stranger: stranger.login,
      ineligible: ineligible.login,
      number,
    };
  }

  /** The variables of the action on a fresh shared number (with an ACTIVE phone when the action needs one). */
  async function prepare(action: Action) {
    const people = await sharedNumber();
    if (action === 'registerPhone') {
      const mac = randomMac();
      return {
        people,
        mac,
        variables: { modelId: 'polycom-vvx-450', number: people.number, mac, office: '31/2-015' },
      };
    }
    const { mac, phoneId } = await registerActivePhone(api.world, {
      requester: people.owner,
      number: people.number,
    });
    if (action === 'unregisterPhone') return { people, mac, variables: { mac } };
    if (action === 'pairD60') {
      return { people, mac, variables: { hostMac: mac, baseMac: randomMac(), handsets: [people.number] } };
    }
    await api.world.dataSource.getRepository(D60BaseEntity).insert({
      id: randomUUID(),
      hostPhoneId: phoneId,
      baseMac: randomMac(),
      handsets: [{ slot: 1, number: people.number }],
    });
    return { people, mac, variables: { hostMac: mac } };
  }

  function caller(who: Who, people: Awaited<ReturnType<typeof sharedNumber>>) {
    switch (who) {
      case 'owner':
        return { user: people.owner };
      case 'manager':
        return { user: people.manager };
      case 'other user':
        return { user: people.stranger };
      case 'ineligible manager':
        return { user: people.ineligible };
      case 'service desk':
        return { user: desk, headers: { 'x-switchboard-on-behalf-of': people.owner } };
      case 'impostor':
        return { user: people.stranger, headers: { 'x-switchboard-on-behalf-of': people.owner } };
      case 'anonymous':
        return {};
    }
  }

  describe.each(ACTIONS)('%s', (action) => {
    it.each(EXPECTED)('%s: %s', async (who, expected) => {
      const { people, mac, variables } = await prepare(action);
      const as = caller(who, people);
      const response = await api.graphql<Record<Action, AcceptedRequest>>(PHONE_GQL[action], {
        ...as,
        variables,
      });

      if (expected !== 'ALLOWED') {
        expect(errorCodes(response)).toEqual([expected]);
        expect(response.errors![0].message).not.toMatch(/stack|at \w+ \(/);
        return;
      }
      expect(response.errors).toBeUndefined();
      const accepted = response.data![action];
      // The request is the person's own, or the owner's when the desk acts for them.
      const requester = who === 'service desk' ? people.owner : as.user!;
      expect(accepted).toMatchObject({ status: 'ACCEPTED', requester, actor: as.user });
      if (action === 'registerPhone') {
        const phone = await api.world.dataSource.getRepository(IpPhoneEntity).findOneByOrFail({ mac });
        await waitForPhone(api.world, phone.id, (p) => p.activation === 'PENDING_FIRST_BOOT');
        await bootPhone(api.world, mac);
      }
      const done = await waitForRequest(api, as.user!, accepted.id, ['COMPLETED', 'FAILED'], as.headers);
      expect([done.status, done.failureReason]).toEqual(['COMPLETED', null]);

      const audit = await new AuditLog(api.world.dataSource).forRequest(accepted.id);
      if (who === 'service desk') {
        expect(audit).toEqual([
          expect.objectContaining({
            actor: desk,
            onBehalfOf: people.owner,
            requestId: accepted.id,
            result: 'OK',
          }),
        ]);
      } else {
        // A person's own request is audited too, with nobody acted for.
        expect(audit).toEqual([
          expect.objectContaining({ actor: as.user, onBehalfOf: null, requestId: accepted.id, result: 'OK' }),
        ]);
      }
    });
  });

  describe('simulatePhoneBoot (sandbox only)', () => {
    it.each(EXPECTED)('%s: %s', async (who, expected) => {
      const people = await sharedNumber();
      const { mac } = await registerActivePhone(api.world, {
        requester: people.owner,
        number: people.number,
      });
      const fetchedBefore = (await configRow(api.world, mac))!.lastFetchAt;
      const response = await api.graphql<{ simulatePhoneBoot: { mac: string; registered: boolean } }>(
        PHONE_GQL.simulatePhoneBoot,
        { ...caller(who, people), variables: { mac } },
      );
      const fetchedAfter = (await configRow(api.world, mac))!.lastFetchAt;
      if (expected !== 'ALLOWED') {
        expect(errorCodes(response)).toEqual([expected]);
        // Refused before the simulated phone fetched anything.
        expect(fetchedAfter).toEqual(fetchedBefore);
        return;
      }
      expect(response.errors).toBeUndefined();
      expect(response.data!.simulatePhoneBoot).toMatchObject({ registered: true });
      expect(fetchedAfter!.getTime()).toBeGreaterThan(fetchedBefore!.getTime());
    });
  });

  it('records a refused on-behalf request in the audit log with the reason', async () => {
    const people = await sharedNumber();
    const refused = await api.graphql(PHONE_GQL.unregisterPhone, {
      user: desk,
      headers: { 'x-switchboard-on-behalf-of': people.owner },
      variables: { mac: randomMac() },
    });
    expect(errorCodes(refused)).toEqual(['NOT_FOUND']);
    const entries = await api.world.dataSource.query<
      Array<{ action: string; result: string; reason: string }>
    >(`SELECT action, result, reason FROM audit_log WHERE actor = $1 AND "onBehalfOf" = $2`, [
      desk,
      people.owner,
    ]);
    expect(entries).toEqual([
      { action: 'UNREGISTER_PHONE', result: 'REFUSED', reason: expect.stringMatching(/No phone with MAC/) },
    ]);
  });
});
