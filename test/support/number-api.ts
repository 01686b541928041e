import { SandboxDirectoryDriver } from '../../libs/systems/directory/sandbox-directory.driver';
import type { DirectoryPerson } from '../../libs/systems/directory/directory.port';
import type { GraphqlResponse } from './api-client';
import type { ApiWorld } from './api-world';
import { seedPerson } from './factories';

export const REQUEST_FIELDS = 'id kind status requester actor subject number failureReason';

/** The GraphQL documents of the numbers API, as the portal sends them. */
export const GQL = {
  me: `{ me { login name mail office unit personnelClass eligible ineligibleReason isServiceDesk unitAdminOf } }`,
  myPersonalNumber: `{ myPersonalNumber { number state inPhonebook } }`,
  mySharedNumbers: `{ mySharedNumbers { number description owner managersGroup { name members } inPhonebook myRole state } }`,
  myOwnershipOffers: `{ myOwnershipOffers { requestId number description currentOwner proposedBy expiresAt } }`,
  softphoneNumbers: `{ softphoneNumbers { personal shared } }`,
  request: `query($id: ID!) { request(id: $id) { ${REQUEST_FIELDS} } }`,
  requestPersonalNumber: `mutation { requestPersonalNumber { ${REQUEST_FIELDS} } }`,
  requestSharedNumber: `mutation($description: String!, $managers: [String!]) { requestSharedNumber(description: $description, managers: $managers) { ${REQUEST_FIELDS} } }`,
  setPhonebookListing: `mutation($number: String!, $listed: Boolean!) { setPhonebookListing(number: $number, listed: $listed) { ${REQUEST_FIELDS} } }`,
  turnToShared: `mutation($number: String!, $description: String!, $managers: [String!]) { turnToShared(number: $number, description: $description, managers: $managers) { ${REQUEST_FIELDS} } }`,
  changeDescription: `mutation($number: String!, $description: String!) { changeDescription(number: $number, description: $description) { ${REQUEST_FIELDS} } }`,
  setManagers: `mutation($number: String!, $members: [String!]!) { setManagers(number: $number, members: $members) { ${REQUEST_FIELDS} } }`,
  proposeOwner: `mutation($number: String!, $newOwner: String!) { proposeOwner(number: $number, newOwner: $newOwner) { ${REQUEST_FIELDS} } }`,
  respondToOwnership: `mutation($requestId: ID!, $accept: Boolean!) { respondToOwnership(requestId: $requestId, accept: $accept) { ${REQUEST_FIELDS} } }`,
  deleteNumber: `mutation($number: String!) { deleteNumber(number: $number) { ${REQUEST_FIELDS} } }`,
} as const;

export interface RequestView {
  id: string;
  kind: string;
  status: string;
  requester: string;
  actor: string;
  subject: string | null;
  number: string | null;
  failureReason: string | null;
}

/** The first (only) field of a mutation's data: the accepted request. */
export function accepted(response: GraphqlResponse<Record<string, unknown>>): RequestView {
  if (response.errors) throw new Error(`refused: ${JSON.stringify(response.errors)}`);
  return Object.values(response.data!)[0] as RequestView;
}

/** Polls `request(id)` as `user` until the request ends. */
export async function finished(api: ApiWorld, user: string, id: string): Promise<RequestView> {
  const deadline = Date.now() + 60_000;
  let last: RequestView | undefined;
  while (Date.now() < deadline) {
    const response = await api.graphql<{ request: RequestView }>(GQL.request, { user, variables: { id } });
    last = response.data?.request;
    if (last && ['COMPLETED', 'FAILED', 'CANCELLED'].includes(last.status)) return last;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`request ${id} stayed ${last?.status}`);
}

/** Runs a mutation as `user` and waits for the request it started to end. */
export async function completed(
  api: ApiWorld,
  user: string,
  document: string,
  variables: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Promise<RequestView> {
  const request = accepted(await api.graphql(document, { user, variables, headers }));
  return finished(api, user, request.id);
}

/** A person who is in the directory's service-desk e-group. */
export async function seedDeskAgent(api: ApiWorld): Promise<DirectoryPerson> {
  const agent = await seedPerson(api.world.sandbox, { login: `desk${Date.now().toString(36)}` });
  const directory = new SandboxDirectoryDriver(api.world.sandbox);
  const group = api.world.config.roles.serviceDeskGroup;
  const members = (await directory.groupMembers(group)) ?? [];
  if (members.length === 0) {
    await directory.createGroup({
      name: group,
      description: 'desk',
      ownerLogin: agent.login,
      members: [agent.login],
    });
  } else {
    await directory.setGroupMembers(group, [...members, agent.login]);
  }
  return agent;
}

/** Changes a person's directory entry (e.g. makes them ineligible). */
export async function updatePerson(
  api: ApiWorld,
  login: string,
  changes: Partial<DirectoryPerson>,
): Promise<void> {
  const directory = new SandboxDirectoryDriver(api.world.sandbox);
  const person = await directory.findPerson(login);
  await directory.upsertPerson({ ...person!, ...changes });
}

export const onBehalfOf = (login: string) => ({ 'x-switchboard-on-behalf-of': login });
