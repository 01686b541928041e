import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSchema, getNamedType } from 'graphql';
import { addDays, todayUtc } from '../../libs/legacy/campaign-scheduler';
import { AuditEntryEntity } from '../../libs/persistence/entities';
import { SandboxDirectoryDriver } from '../../libs/systems/directory/sandbox-directory.driver';
import { seedPublishedPersonalNumber, seedPublishedSharedNumber } from '../reliability/support/request-mix';
import { ApiWorld } from '../support/api-world';
import { seedPerson } from '../support/factories';
import { seedLegacyNumber, seedUnitPerson, uniqueUnit } from '../support/legacy-factories';
import { GQL, seedDeskAgent } from '../support/number-api';
import { PHONE_GQL, colon, waitForRequest } from '../support/phone-api';
import { randomMac, registerActivePhone, seedActiveNumber } from '../support/phone-fixtures';

/**
 * Every mutation that answers with a Request must leave an audit entry naming that request, its
 * actor and what was done (docs/service-desk.md). The list comes from the committed schema, so a
 * new mutation returning a Request fails the first test until it has a row in the table below, and
 * then its own test shows the entry.
 */
const SCHEMA = buildSchema(readFileSync(join(__dirname, '..', '..', 'schema.gql'), 'utf8'));
const REQUEST_MUTATIONS = Object.values(SCHEMA.getMutationType()!.getFields())
  .filter((field) => getNamedType(field.type).name === 'Request')
  .map((field) => field.name)
  .sort();

const ACCEPTED = 'id';
const DOCS = {
  migrateLegacyNumber: `mutation($as: MigrationTarget!, $number: String!) { migrateLegacyNumber(as: $as, number: $number) { ${ACCEPTED} } }`,
  migrateNow: `mutation($number: String!) { migrateNow(number: $number) { ${ACCEPTED} } }`,
  repairDrift: `mutation($resource: String!) { repairDrift(resource: $resource) { ${ACCEPTED} } }`,
  cancelRequest: `mutation($id: ID!, $reason: String!) { cancelRequest(id: $id, reason: $reason) { ${ACCEPTED} } }`,
  resolveRequest: `mutation($id: ID!, $action: ResolveAction!, $reason: String!) { resolveRequest(id: $id, action: $action, reason: $reason) { ${ACCEPTED} } }`,
  scheduleCampaign: `mutation($unit: String!, $date: String!, $maxDate: String!) { scheduleCampaign(unit: $unit, date: $date, ratePerMinute: 30, maxDate: $maxDate) { id } }`,
  cancelCampaign: `mutation($id: ID!) { cancelCampaign(id: $id, reason: "test over") { id } }`,
};

/** One call of a mutation: who sent it, and the request it answered with. */
interface Call {
  actor: string;
  requestId: string;
}

describe('the audit entry of every mutation that answers with a request (API over HTTP, real worker)', () => {
  let api: ApiWorld;
  let desk: string;

  beforeAll(async () => {
    // A minute per day: the campaign below never reaches its date while the test runs.
    api = await ApiWorld.start({ CAMPAIGN_DAY_MS: '60000' });
    await api.world.startWorker();
    desk = (await seedDeskAgent(api)).login;
  });

  afterAll(async () => {
    await api?.stop();
  });

  afterEach(async () => {
    await api.world.faults.clear();
  });

  const person = async () => (await seedPerson(api.world.sandbox)).login;

  /** Sends a mutation that must be accepted, and returns the request it answered with. */
  async function send(field: string, doc: string, actor: string, variables: Record<string, unknown> = {}) {
    const response = await api.graphql<Record<string, { id: string }>>(doc, { user: actor, variables });
    if (response.errors) throw new Error(`${field}: ${JSON.stringify(response.errors)}`);
    return { actor, requestId: response.data![field].id };
  }

  async function finished(user: string, id: string, statuses = ['COMPLETED', 'FAILED']) {
    const done = await waitForRequest(api, user, id, statuses);
    if (done.status !== 'COMPLETED' && statuses.includes('COMPLETED'))
      throw new Error(`request ${id} ended ${done.status}`);
  }

  async function aPhone(owner: string) {
    const number = await seedActiveNumber(api.world, { owner });
    const { mac } = await registerActivePhone(api.world, { requester: owner, number });
    return { number, mac: colon(mac) };
  }

  async function proposal() {
    const [owner, newOwner] = [await person(), await person()];
    const number = await seedPublishedSharedNumber(api.world, owner, 'Lab audit');
    const call = await send('proposeOwner', GQL.proposeOwner, owner, { number, newOwner });
    return { ...call, newOwner };
  }

  /** A personal number request parked on a PBX that keeps failing. */
  async function parked() {
    await api.world.faults.inject({ system: 'pbx', operation: 'createSipAccount', kind: 'transient' });
    const owner = await person();
    const call = await send('requestPersonalNumber', GQL.requestPersonalNumber, owner);
    await waitForRequest(api, owner, call.requestId, ['NEEDS_ATTENTION']);
    return call;
  }

  /** How each mutation is sent successfully, and the audit action its entry carries. */
  const TABLE: Record<string, { action: string; call: () => Promise<Call> }> = {
    requestPersonalNumber: {
      action: 'REQUEST_PERSONAL_NUMBER',
      call: async () => send('requestPersonalNumber', GQL.requestPersonalNumber, await person()),
    },
    requestSharedNumber: {
      action: 'REQUEST_SHARED_NUMBER',
      call: async () =>
        send('requestSharedNumber', GQL.requestSharedNumber, await person(), { description: 'Lab audit' }),
    },
    changeDescription: {
      action: 'CHANGE_DESCRIPTION',
      call: async () => {
        const owner = await person();
        const number = await seedPublishedSharedNumber(api.world, owner, 'Lab audit');
        return send('changeDescription', GQL.changeDescription, owner, {
          number,
          description: 'Lab audit 2',
        });
      },
    },
    setPhonebookListing: {
      action: 'SET_PHONEBOOK_LISTING',
      call: async () => {
        const owner = await person();
        const number = await seedPublishedPersonalNumber(api.world, owner);
        return send('setPhonebookListing', GQL.setPhonebookListing, owner, { number, listed: false });
      },
    },
    turnToShared: {
      action: 'TURN_TO_SHARED',
      call: async () => {
        const owner = await person();
        const number = await seedPublishedPersonalNumber(api.world, owner);
        return send('turnToShared', GQL.turnToShared, owner, { number, description: 'Lab audit' });
      },
    },
    setManagers: {
      action: 'SET_MANAGERS',
      call: async () => {
        const owner = await person();
        const number = await seedPublishedSharedNumber(api.world, owner, 'Lab audit');
        return send('setManagers', GQL.setManagers, owner, { number, members: [await person()] });
      },
    },
    proposeOwner: { action: 'PROPOSE_OWNER', call: async () => proposal() },
    respondToOwnership: {
      action: 'RESPOND_TO_OWNERSHIP',
      call: async () => {
        const { requestId, newOwner } = await proposal();
        const deadline = Date.now() + 60_000;
        for (;;) {
          const offers = await api.graphql<{ myOwnershipOffers: Array<{ requestId: string }> }>(
            GQL.myOwnershipOffers,
            { user: newOwner },
          );
          if (offers.data?.myOwnershipOffers.some((o) => o.requestId === requestId)) break;
          if (Date.now() > deadline) throw new Error('the ownership offer never reached its new owner');
          await new Promise((r) => setTimeout(r, 100));
        }
        return send('respondToOwnership', GQL.respondToOwnership, newOwner, { requestId, accept: false });
      },
    },
    deleteNumber: {
      action: 'DELETE_NUMBER',
      call: async () => {
        const owner = await person();
        const number = await seedPublishedPersonalNumber(api.world, owner);
        return send('deleteNumber', GQL.deleteNumber, owner, { number });
      },
    },
    registerPhone: {
      action: 'REGISTER_PHONE',
      call: async () => {
        const owner = await person();
        const number = await seedActiveNumber(api.world, { owner });
        return send('registerPhone', PHONE_GQL.registerPhone, owner, {
          modelId: 'polycom-vvx-450',
          number,
          mac: colon(randomMac()),
          office: '513/R-024',
        });
      },
    },
    unregisterPhone: {
      action: 'UNREGISTER_PHONE',
      call: async () => {
        const owner = await person();
        const { mac } = await aPhone(owner);
        return send('unregisterPhone', PHONE_GQL.unregisterPhone, owner, { mac });
      },
    },
    pairD60: {
      action: 'PAIR_D60',
      call: async () => {
        const owner = await person();
        const { number, mac } = await aPhone(owner);
        return send('pairD60', PHONE_GQL.pairD60, owner, {
          hostMac: mac,
          baseMac: colon(randomMac()),
          handsets: [number],
        });
      },
    },
    unpairD60: {
      action: 'UNPAIR_D60',
      call: async () => {
        const owner = await person();
        const { number, mac } = await aPhone(owner);
        const pairing = await send('pairD60', PHONE_GQL.pairD60, owner, {
          hostMac: mac,
          baseMac: colon(randomMac()),
          handsets: [number],
        });
        await finished(owner, pairing.requestId);
        return send('unpairD60', PHONE_GQL.unpairD60, owner, { hostMac: mac });
      },
    },
    migrateLegacyNumber: {
      action: 'MIGRATE_LEGACY',
      call: async () => {
        const owner = await person();
        const number = await seedLegacyNumber(api.world.dataSource, api.world.sandbox, {
          service: 'ANALOGUE',
          listedUnder: [owner],
        });
        return send('migrateLegacyNumber', DOCS.migrateLegacyNumber, owner, { as: 'PERSONAL', number });
      },
    },
    migrateNow: {
      action: 'MIGRATE_NOW',
      call: async () => {
        const unit = uniqueUnit();
        const admin = await seedUnitPerson(api.world.dataSource, api.world.sandbox, unit);
        await new SandboxDirectoryDriver(api.world.sandbox).createGroup({
          name: `phone-admins-${unit.toLowerCase()}`,
          description: `Phone admins of ${unit}`,
          ownerLogin: admin.login,
          members: [admin.login],
        });
        const owner = (await seedUnitPerson(api.world.dataSource, api.world.sandbox, unit)).login;
        const number = await seedLegacyNumber(api.world.dataSource, api.world.sandbox, {
          service: 'ANALOGUE',
          listedUnder: [owner],
        });
        const scheduled = await api.graphql<{ scheduleCampaign: { id: string } }>(DOCS.scheduleCampaign, {
          user: admin.login,
          variables: { unit, date: addDays(todayUtc(), 2), maxDate: addDays(todayUtc(), 6) },
        });
        if (scheduled.errors) throw new Error(JSON.stringify(scheduled.errors));
        const call = await send('migrateNow', DOCS.migrateNow, owner, { number });
        await finished(owner, call.requestId);
        await api.graphql(DOCS.cancelCampaign, {
          user: admin.login,
          variables: { id: scheduled.data!.scheduleCampaign.id },
        });
        return call;
      },
    },
    repairDrift: {
      action: 'REPAIR_DRIFT',
      call: async () => {
        const number = await seedActiveNumber(api.world, { owner: await person() });
        return send('repairDrift', DOCS.repairDrift, desk, { resource: number });
      },
    },
    cancelRequest: {
      action: 'CANCEL_REQUEST',
      call: async () => {
        const { requestId } = await parked();
        return send('cancelRequest', DOCS.cancelRequest, desk, { id: requestId, reason: 'not needed' });
      },
    },
    resolveRequest: {
      action: 'RESOLVE_REQUEST_COMPENSATE',
      call: async () => {
        const { requestId } = await parked();
        return send('resolveRequest', DOCS.resolveRequest, desk, {
          id: requestId,
          action: 'COMPENSATE',
          reason: 'PBX gone for good',
        });
      },
    },
  };

  it('has a row for every mutation of the schema that answers with a Request', () => {
    expect(Object.keys(TABLE).sort()).toEqual(REQUEST_MUTATIONS);
    expect(REQUEST_MUTATIONS.length).toBeGreaterThanOrEqual(18);
  });

  it.each(REQUEST_MUTATIONS)('%s writes one audit entry naming its request and actor', async (mutation) => {
    const row = TABLE[mutation];
    expect(row).toBeDefined();
    const { actor, requestId } = await row.call();
    const entries = await api.world.dataSource
      .getRepository(AuditEntryEntity)
      .find({ where: { requestId, action: row.action } });
    expect(entries.map((e) => ({ actor: e.actor, result: e.result }))).toEqual([{ actor, result: 'OK' }]);
  });
});
