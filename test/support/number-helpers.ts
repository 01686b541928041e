import { randomUUID } from 'node:crypto';
import { workflowIds } from '../../libs/contracts/workflow-ids';
import {
  managersGroupOf,
  newSharedNumberLock,
  numberWorkflowIds,
  NumberRequestKind,
  NumberWorkflow,
} from '../../libs/contracts/numbers';
import type { RequestInput } from '../../libs/contracts/request-input';
import type { RequestKind } from '../../libs/contracts/request-kind';
import { NumberState } from '../../libs/domain/number-state';
import { PhoneNumberEntity, type RequestEntity } from '../../libs/persistence/entities';
import { lockKeys } from '../../libs/requests/resource-locks';
import type { SandboxStore } from '../../libs/systems/sandbox/sandbox-store';
import { requestPersonalNumber, resultOf } from './workflow-helpers';
import type { World } from './world';

/** Starts a new-shared-number request the way the API does. */
export function requestSharedNumber(
  world: World,
  login: string,
  description: string,
  managers: string[] = [],
): Promise<RequestEntity> {
  const key = randomUUID();
  return world.launcher().launch({
    kind: NumberRequestKind.NEW_SHARED_NUMBER,
    workflowType: NumberWorkflow.NEW_SHARED_NUMBER,
    workflowId: numberWorkflowIds.newSharedNumber(key),
    locks: [newSharedNumberLock(key)],
    requester: login,
    actor: login,
    input: (common) => ({ ...common, description, managers }),
  });
}

/** Starts a request on an existing number the way the API does (locks on the number and more). */
export function requestOnNumber<Extra extends object>(
  world: World,
  spec: {
    kind: RequestKind;
    workflowType: string;
    number: string;
    requester: string;
    extra: Extra;
    locks?: string[];
  },
): Promise<RequestEntity> {
  return world.launcher().launch({
    kind: spec.kind,
    workflowType: spec.workflowType,
    workflowId: workflowIds.number(spec.number),
    locks: [lockKeys.number(spec.number), ...(spec.locks ?? [])],
    requester: spec.requester,
    actor: spec.requester,
    subject: spec.number,
    input: (common: RequestInput) => ({ ...common, number: spec.number, ...spec.extra }),
  });
}

/** A shared number made through the real workflow; fails the test if the request does not complete. */
export async function aSharedNumber(
  world: World,
  owner: string,
  managers: string[] = [],
  description = 'Lab 2 bench',
): Promise<string> {
  const progress = await resultOf(
    world.client,
    await requestSharedNumber(world, owner, description, managers),
  );
  if (progress.status !== 'COMPLETED') throw new Error(`shared number request ${progress.status}`);
  return progress.result!.number;
}

/** The number row. */
export function numberRow(world: World, number: string): Promise<PhoneNumberEntity> {
  return world.dataSource.getRepository(PhoneNumberEntity).findOneByOrFail({ number });
}

/** What the sandbox systems hold about a number: PBX account, shared entry, e-group. */
export async function systemsOf(store: SandboxStore, number: string) {
  return {
    pbx: await store.get<{ displayName: string }>('pbx', number),
    sharedEntry: await store.get<{ description: string; ownerLogin: string; managersGroup: string }>(
      'directory',
      `shared:${number}`,
    ),
    group: await store.get<{ ownerLogin: string; members: string[] }>(
      'directory',
      `group:${managersGroupOf(number)}`,
    ),
  };
}

export async function phonebookNumbersOf(store: SandboxStore, login: string): Promise<string[]> {
  return (await store.get<{ phoneNumbers: string[] }>('directory', `person:${login}`))?.phoneNumbers ?? [];
}

/** Mails whose key starts with the prefix (a request id, a lifecycle key), sorted by subject. */
export async function mailsFor(store: SandboxStore, prefix: string) {
  return (await store.list<{ subject: string; to: string[]; cc?: string[] }>('mail'))
    .filter((m) => m.key.startsWith(prefix))
    .map((m) => ({ key: m.key, subject: m.data.subject, to: m.data.to, cc: m.data.cc ?? [] }))
    .sort((a, b) => a.subject.localeCompare(b.subject));
}

export const ACTIVE = NumberState.ACTIVE;

/** A personal number made through the real workflow. */
export async function aPersonalNumber(world: World, login: string): Promise<string> {
  const progress = await resultOf(world.client, await requestPersonalNumber(world, login));
  if (progress.status !== 'COMPLETED') throw new Error(`personal number request ${progress.status}`);
  return progress.result!.number;
}

const MAIL_ACTIVITIES = ['sendRequestMail', 'sendNumberNotice', 'sendNotification'];

/** The activities scheduled after the failing one, mails left out: the undos, in the order they ran. */
export function undosAfter(activities: string[], failingActivity: string): string[] {
  return activities
    .slice(activities.indexOf(failingActivity) + 1)
    .filter((a) => !MAIL_ACTIVITIES.includes(a));
}
