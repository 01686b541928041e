import { ApiWorld } from '../support/api-world';
import { seedPerson } from '../support/factories';
import { colon, PHONE_GQL, waitForMyPhone, waitForRequest, type AcceptedRequest } from '../support/phone-api';
import { randomMac, seedActiveNumber } from '../support/phone-fixtures';

describe('sandbox auto-boot (SANDBOX_PHONE_AUTOBOOT_MS)', () => {
  let api: ApiWorld;

  beforeAll(async () => {
    api = await ApiWorld.start({ SANDBOX_PHONE_AUTOBOOT_MS: '300' });
    await api.world.startWorker();
  });

  afterAll(async () => {
    await api?.stop();
  });

  it('boots a newly registered phone by itself, so the registration completes without a real phone', async () => {
    const person = await seedPerson(api.world.sandbox);
    const number = await seedActiveNumber(api.world, { owner: person.login });
    const mac = randomMac();
    const accepted = await api.graphql<{ registerPhone: AcceptedRequest }>(PHONE_GQL.registerPhone, {
      user: person.login,
      variables: { modelId: 'polycom-vvx-250', number, mac, office: '40/4-C01' },
    });
    expect(accepted.errors).toBeUndefined();

    const done = await waitForRequest(api, person.login, accepted.data!.registerPhone.id, [
      'COMPLETED',
      'FAILED',
    ]);
    expect(done.status).toBe('COMPLETED');
    const phone = await waitForMyPhone(api, person.login, colon(mac), (p) => p.activation === 'ACTIVE');
    expect(phone.lastConfigFetchAt).not.toBeNull();
  });
});
