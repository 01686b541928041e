import { SandboxDirectoryDriver } from '../../libs/systems/directory/sandbox-directory.driver';
import type { ApiWorld } from './api-world';
import { seedPerson } from './factories';

/** GraphQL documents of the phones feature, as the portal sends them. */
export const PHONE_GQL = {
  phoneModels: `{ phoneModels { id manufacturer name compatible addOn } }`,
  myPhones: `{ myPhones { id name number mac compatible activation office ipAddress registeredAt activatedAt
    lastConfigFetchAt requestId model { id name manufacturer compatible addOn } d60Base { mac handsets { slot number } } } }`,
  numbersForNewPhone: `{ numbersForNewPhone { number type description role } }`,
  registerPhone: `mutation($modelId: ID!, $number: String!, $mac: String!, $office: String!) {
    registerPhone(modelId: $modelId, number: $number, mac: $mac, office: $office) { id kind status requester actor subject } }`,
  unregisterPhone: `mutation($mac: String!) { unregisterPhone(mac: $mac) { id kind status requester actor subject } }`,
  pairD60: `mutation($hostMac: String!, $baseMac: String!, $handsets: [String!]!) {
    pairD60(hostMac: $hostMac, baseMac: $baseMac, handsets: $handsets) { id kind status requester actor subject } }`,
  unpairD60: `mutation($hostMac: String!) { unpairD60(hostMac: $hostMac) { id kind status requester actor subject } }`,
  simulatePhoneBoot: `mutation($mac: String!) { simulatePhoneBoot(mac: $mac) { mac number configFetchedAt registered } }`,
  request: `query($id: ID!) { request(id: $id) { id kind status failureReason number
    steps { id status lastError } parked { stepId allowedActions } } }`,
} as const;

export interface AcceptedRequest {
  id: string;
  kind: string;
  status: string;
  requester: string;
  actor: string;
  subject: string | null;
}

export interface RequestView {
  id: string;
  status: string;
  failureReason: string | null;
  steps: Array<{ id: string; status: string; lastError: string | null }>;
}

export interface PhoneView {
  id: string;
  name: string;
  number: string;
  mac: string;
  compatible: string;
  activation: string;
  office: string | null;
  ipAddress: string | null;
  registeredAt: string;
  activatedAt: string | null;
  lastConfigFetchAt: string | null;
  requestId: string | null;
  model: { id: string; name: string } | null;
  d60Base: { mac: string; handsets: Array<{ slot: number; number: string }> } | null;
}

/** Polls `request(id)` as `user` until it reaches one of the statuses. */
export async function waitForRequest(
  api: ApiWorld,
  user: string,
  id: string,
  statuses: string[],
  headers?: Record<string, string>,
): Promise<RequestView> {
  const deadline = Date.now() + 60_000;
  let last: RequestView | undefined;
  while (Date.now() < deadline) {
    const response = await api.graphql<{ request: RequestView }>(PHONE_GQL.request, {
      user,
      headers,
      variables: { id },
    });
    last = response.data?.request;
    if (last && statuses.includes(last.status)) return last;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`request ${id} stayed ${JSON.stringify(last)}`);
}

/** Polls `myPhones` as `user` until the phone with this MAC (colon form) satisfies the predicate. */
export async function waitForMyPhone(
  api: ApiWorld,
  user: string,
  mac: string,
  predicate: (phone: PhoneView) => boolean,
): Promise<PhoneView> {
  const deadline = Date.now() + 60_000;
  let last: PhoneView | undefined;
  while (Date.now() < deadline) {
    const response = await api.graphql<{ myPhones: PhoneView[] }>(PHONE_GQL.myPhones, { user });
    last = response.data?.myPhones.find((p) => p.mac === mac);
    if (last && predicate(last)) return last;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`phone ${mac} never matched; last: ${JSON.stringify(last)}`);
}

/** A service-desk agent: a person in the service-desk e-group. */
export async function seedDeskAgent(api: ApiWorld): Promise<string> {
  const agent = await seedPerson(api.world.sandbox);
  const directory = new SandboxDirectoryDriver(api.world.sandbox);
  const group = api.world.config.roles.serviceDeskGroup;
  const members = await directory.groupMembers(group);
  if (members === null) {
    await directory.createGroup({
      name: group,
      description: 'Service desk',
      ownerLogin: agent.login,
      members: [agent.login],
    });
  } else {
    await directory.setGroupMembers(group, [...members, agent.login]);
  }
  return agent.login;
}

export const colon = (canonical: string): string => canonical.match(/../g)!.join(':');
