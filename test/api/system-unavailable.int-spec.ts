import { RequestEntity } from '../../libs/persistence/entities';
import { seedPerson } from '../support/factories';
import { ApiWorld } from '../support/api-world';

/**
 * A system the API consults while checking a request fails: the person gets SYSTEM_UNAVAILABLE,
 * naming the system, with nothing recorded, never the opaque INTERNAL (chaos forbids it).
 */
describe('a system failing during the API checks (API over HTTP, PostgreSQL, sandbox faults)', () => {
  let api: ApiWorld;

  beforeAll(async () => {
    api = await ApiWorld.start();
  });

  afterAll(async () => {
    await api?.stop();
  });

  afterEach(async () => {
    await api.world.faults.clear();
  });

  it.each([
    ['transient', /^The directory system did not answer, so nothing was changed\. Try again in a moment/],
    [
      'permanent',
      /^The directory system refused the check, so nothing was changed\. Contact the service desk/,
    ],
  ] as const)('answers a %s directory fault with SYSTEM_UNAVAILABLE', async (kind, message) => {
    const person = await seedPerson(api.world.sandbox);
    const before = await api.world.dataSource.getRepository(RequestEntity).count();
    await api.world.faults.inject({
      system: 'directory',
      operation: 'findPerson',
      kind,
      message: 'ldap://10.9.8.7 said no',
    });

    const answer = await api.graphql('mutation { requestPersonalNumber { id } }', { user: person.login });

    expect(answer.status).toBe(200);
    expect(answer.errors).toEqual([
      {
        message: expect.stringMatching(message),
        path: ['requestPersonalNumber'],
        extensions: {
          code: 'SYSTEM_UNAVAILABLE',
          category: 'UNAVAILABLE',
          system: 'directory',
          reference: expect.any(String),
        },
      },
    ]);
    expect(answer.errors![0].message).not.toContain('10.9.8.7');
    expect(await api.world.dataSource.getRepository(RequestEntity).count()).toBe(before);
  });
});
