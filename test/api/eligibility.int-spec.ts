import { AuditEntryEntity, MailDeliveryEntity, RequestEntity } from '../../libs/persistence/entities';
import { SEEDED_DIRECTORY, startSlapd, type SeededPerson, type SlapdHandle } from '../servers/slapd';
import { errorCodes } from '../support/api-client';
import { ApiWorld } from '../support/api-world';
import { onBehalfOf } from '../support/number-api';
import { ldapEnv } from '../support/real-drivers';

const D = SEEDED_DIRECTORY;
const ME = `{ me { login personnelClass personnelCode eligible ineligibleReason } }`;
const PERSONAL = `mutation { requestPersonalNumber { id status requester actor } }`;
const SHARED = `mutation($description: String!) {
  requestSharedNumber(description: $description, managers: []) { id status requester actor } }`;
const MIGRATE = `mutation($number: String!) { migrateLegacyNumber(number: $number, as: PERSONAL) { id } }`;

interface Me {
  login: string;
  personnelClass: string | null;
  personnelCode: string | null;
  eligible: boolean;
  ineligibleReason: string | null;
}

/**
 * docs/domain.md §2 on the directory as a site would run it: slapd seeded with every class and
 * EXTN code of the rule (test/servers/fixtures/directory.ldif), read by the LDAP driver. Who may use
 * the service is decided when the API accepts a request, also when the service desk acts for someone.
 */
describe('eligibility through GraphQL on a real directory (slapd)', () => {
  let slapd: SlapdHandle;
  let api: ApiWorld;
  const desk = D.logins.serviceDesk[0];

  beforeAll(async () => {
    slapd = await startSlapd();
    // No worker: a refused request must leave nothing behind, and an accepted one is only recorded.
    api = await ApiWorld.start(ldapEnv(slapd));
  });

  afterAll(async () => {
    await api?.stop();
    await slapd?.stop();
  });

  const requestsOf = (requester: string) =>
    api.world.dataSource.getRepository(RequestEntity).findBy({ requester });

  async function cancelWorkflow(requestId: string): Promise<void> {
    const row = await api.world.dataSource.getRepository(RequestEntity).findOneByOrFail({ id: requestId });
    await api.world.client.workflow.getHandle(row.workflowId).terminate('test over');
  }

  it('tells every seeded person, through me, their class, their code and whether they may use the service', async () => {
    const people: readonly SeededPerson[] = Object.values(D.people);
    for (const person of people) {
      const response = await api.graphql<{ me: Me }>(ME, { user: person.uid });
      expect(response.errors).toBeUndefined();
      expect(response.data!.me).toEqual({
        login: person.uid,
        personnelClass: person.personnelClass,
        personnelCode: person.personnelSubCode ?? null,
        eligible: person.authorised,
        ineligibleReason: person.authorised ? null : expect.any(String),
      });
    }
    expect(
      people.filter((p) => p.personnelClass === 'EXTN' && p.authorised).map((p) => p.personnelSubCode),
    ).toEqual(expect.arrayContaining(['HONO', 'ILOF', 'SCIE', 'STAG']));
  });

  it('accepts a request from an EXTN/HONO and refuses one from an EXTN/CONT with the reason', async () => {
    const honorary = D.people.eferrari;
    const accepted = await api.graphql<{ requestSharedNumber: { id: string; status: string } }>(SHARED, {
      user: honorary.uid,
      variables: { description: 'Honorary office' },
    });
    expect(accepted.errors).toBeUndefined();
    expect(accepted.data!.requestSharedNumber.status).toBe('ACCEPTED');
    await cancelWorkflow(accepted.data!.requestSharedNumber.id);

    const contractor = D.people.qjohnson;
    const refused = await api.graphql(SHARED, { user: contractor.uid, variables: { description: 'Lab' } });
    expect(errorCodes(refused)).toEqual(['NOT_ELIGIBLE']);
    expect(refused.errors![0].message).toMatch(/Personnel class EXTN\/CONT is not authorised/);
    expect(await requestsOf(contractor.uid)).toEqual([]);
  });

  describe('the service desk acting on behalf of someone', () => {
    it.each([
      ['a shared number', SHARED, { description: 'Help line' }],
      ['a personal number', PERSONAL, {}],
      ['a legacy migration', MIGRATE, { number: '72009' }],
    ])(
      'is refused %s for a login the directory does not know, with UNKNOWN_PERSON, at once',
      async (_what, mutation, variables) => {
        const response = await api.graphql(mutation, {
          user: desk,
          headers: onBehalfOf('ghost'),
          variables,
        });
        expect(errorCodes(response)).toEqual(['UNKNOWN_PERSON']);
        expect(response.errors![0].extensions).toEqual({ code: 'UNKNOWN_PERSON', category: 'NOT_FOUND' });
        expect(response.errors![0].message).toMatch(/The directory has no person "ghost"\. Check the login/);
        expect(await requestsOf('ghost')).toEqual([]);
        const mails = await api.world.dataSource.getRepository(MailDeliveryEntity).find();
        expect(mails.filter((m) => JSON.stringify(m).includes('ghost'))).toEqual([]);
      },
    );

    it.each([
      ['an EXTN with another code', D.people.qjohnson, /EXTN\/CONT is not authorised/],
      ['an EXTN without a code', D.people.rsilva, /Personnel class EXTN is not authorised/],
      ['a retiree', D.people.mtanaka, /Personnel class RETR is not authorised/],
      ['someone whose contract has ended', D.people.smartin, /Your contract ended on 2025-06-30/],
    ])(
      'is refused every kind of request for %s, with NOT_ELIGIBLE and the reason',
      async (_w, person, reason) => {
        for (const [mutation, variables] of [
          [SHARED, { description: 'Help line' }],
          [PERSONAL, {}],
          [MIGRATE, { number: person.telephoneNumbers[0] ?? '72009' }],
        ] as const) {
          const response = await api.graphql(mutation, {
            user: desk,
            headers: onBehalfOf(person.uid),
            variables,
          });
          expect(errorCodes(response)).toEqual(['NOT_ELIGIBLE']);
          expect(response.errors![0].message).toMatch(reason);
        }
        expect(await requestsOf(person.uid)).toEqual([]);
      },
    );

    it('is accepted for an eligible EXTN, with the desk recorded as the actor', async () => {
      const response = await api.graphql<{
        requestSharedNumber: { id: string; requester: string; actor: string };
      }>(SHARED, {
        user: desk,
        headers: onBehalfOf(D.people.pschmidt.uid),
        variables: { description: 'Trainee desk' },
      });
      expect(response.errors).toBeUndefined();
      expect(response.data!.requestSharedNumber).toMatchObject({
        requester: D.people.pschmidt.uid,
        actor: desk,
      });
      await cancelWorkflow(response.data!.requestSharedNumber.id);
      expect(
        await api.world.dataSource
          .getRepository(AuditEntryEntity)
          .findBy({ onBehalfOf: D.people.pschmidt.uid }),
      ).not.toEqual([]);
    });
  });
});
