import { PAIR_D60, REGISTER_PHONE, UNPAIR_D60, UNREGISTER_PHONE } from '../../../libs/contracts/phones';
import { resolveDirectly, waitUntilParked } from '../../support/desk-helpers';
import { seedPerson } from '../../support/factories';
import {
  bootPhone,
  randomMac,
  registerActivePhone,
  requestD60Pairing,
  requestD60Unpairing,
  requestPhoneRegistration,
  requestPhoneUnregistration,
  seedActiveNumber,
  waitForPhone,
} from '../../support/phone-fixtures';
import type { World } from '../../support/world';
import { finished, type ReplayScenario } from './scenario';

async function personWithNumber(world: World) {
  const person = await seedPerson(world.sandbox);
  const number = await seedActiveNumber(world, { owner: person.login });
  return { person, number };
}

async function activePhone(world: World) {
  const { person, number } = await personWithNumber(world);
  const phone = await registerActivePhone(world, { requester: person.login, number });
  return { person, number, ...phone };
}

async function pairedHost(world: World) {
  const { person, number, phoneId, mac } = await activePhone(world);
  const lab = await seedActiveNumber(world, { owner: person.login, type: 'SHARED' });
  const baseMac = randomMac();
  const pairing = await requestD60Pairing(world, {
    requester: person.login,
    hostPhoneId: phoneId,
    hostMac: mac,
    baseMac,
    handsets: [number, lab],
  });
  return { person, phoneId, mac, baseMac, pairing };
}

/** Phones: registration (with its first-boot wait), unregistration, D60 bases. */
export const PHONE_SCENARIOS: readonly ReplayScenario[] = [
  {
    workflowType: REGISTER_PHONE,
    name: 'happy-path',
    expectedStatus: 'COMPLETED',
    run: async (world) => {
      const { person, number } = await personWithNumber(world);
      const { request, phoneId, mac } = await requestPhoneRegistration(world, {
        requester: person.login,
        number,
      });
      await waitForPhone(world, phoneId, (p) => p.activation === 'PENDING_FIRST_BOOT');
      await bootPhone(world, mac);
      return finished(world, request);
    },
  },
  {
    workflowType: REGISTER_PHONE,
    name: 'no-boot-parked-then-compensated',
    expectedStatus: 'FAILED',
    run: async (world) => {
      const { person, number } = await personWithNumber(world);
      const { request } = await requestPhoneRegistration(world, {
        requester: person.login,
        number,
        firstBootTimeoutMs: 1500,
      });
      await waitUntilParked(world.client, request);
      await resolveDirectly(world.client, request, 'compensate', 'the phone was returned');
      return finished(world, request);
    },
  },
  {
    // Switchboard's own record of the phone refused twice: the request compensates, then parks while
    // closing the phone's record, and the desk retries (behind patched('bookkeeping-failure-…')).
    workflowType: REGISTER_PHONE,
    name: 'own-record-refused-compensated-closed-on-retry',
    expectedStatus: 'FAILED',
    run: async (world) => {
      await world.faults.inject({
        system: 'inventory',
        operation: 'moveActivation',
        kind: 'permanent',
        times: 2,
      });
      const { person, number } = await personWithNumber(world);
      const { request } = await requestPhoneRegistration(world, { requester: person.login, number });
      await waitUntilParked(world.client, request);
      await resolveDirectly(world.client, request, 'retry', 'the inventory is back');
      return finished(world, request);
    },
  },
  {
    workflowType: UNREGISTER_PHONE,
    name: 'happy-path',
    expectedStatus: 'COMPLETED',
    run: async (world) => {
      const { person, number, phoneId, mac } = await activePhone(world);
      return finished(
        world,
        await requestPhoneUnregistration(world, { requester: person.login, phoneId, mac, number }),
      );
    },
  },
  {
    workflowType: UNREGISTER_PHONE,
    name: 'parked-then-retried',
    expectedStatus: 'COMPLETED',
    run: async (world) => {
      const { person, number, phoneId, mac } = await activePhone(world);
      await world.faults.inject({ system: 'dhcp', operation: 'releaseHost', kind: 'permanent' });
      const request = await requestPhoneUnregistration(world, {
        requester: person.login,
        phoneId,
        mac,
        number,
      });
      await waitUntilParked(world.client, request);
      await world.faults.clear();
      await resolveDirectly(world.client, request, 'retry');
      return finished(world, request);
    },
  },
  {
    workflowType: PAIR_D60,
    name: 'happy-path',
    expectedStatus: 'COMPLETED',
    run: async (world) => finished(world, (await pairedHost(world)).pairing),
  },
  {
    workflowType: PAIR_D60,
    name: 'compensated',
    expectedStatus: 'FAILED',
    run: async (world) => {
      const { person, number, phoneId, mac } = await activePhone(world);
      // Once: the undo publishes the configuration without the D60 block again.
      await world.faults.inject({
        system: 'provisioning',
        operation: 'publishConfig',
        kind: 'permanent',
        times: 1,
      });
      const pairing = await requestD60Pairing(world, {
        requester: person.login,
        hostPhoneId: phoneId,
        hostMac: mac,
        baseMac: randomMac(),
        handsets: [number],
      });
      return finished(world, pairing);
    },
  },
  {
    workflowType: UNPAIR_D60,
    name: 'happy-path',
    expectedStatus: 'COMPLETED',
    run: async (world) => {
      const { person, phoneId, mac, baseMac, pairing } = await pairedHost(world);
      await finished(world, pairing);
      return finished(
        world,
        await requestD60Unpairing(world, {
          requester: person.login,
          hostPhoneId: phoneId,
          hostMac: mac,
          baseMac,
        }),
      );
    },
  },
];
