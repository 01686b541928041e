import { randomBytes, randomUUID } from 'node:crypto';
import { DHCP_PORT, type DhcpPort } from '../../libs/systems/dhcp/dhcp.port';
import {
  PAIR_D60,
  phoneBootedSignal,
  REGISTER_PHONE,
  UNPAIR_D60,
  UNREGISTER_PHONE,
  type PairD60Input,
  type RegisterPhoneInput,
  type UnpairD60Input,
  type UnregisterPhoneInput,
} from '../../libs/contracts/phones';
import { workflowIds } from '../../libs/contracts/workflow-ids';
import { NumberState } from '../../libs/domain/number-state';
import { PhoneActivation } from '../../libs/domain/phone-activation';
import type { NumberType } from '../../libs/domain/number-type';
import {
  IpPhoneEntity,
  PhoneNumberEntity,
  ProvisioningConfigEntity,
  type RequestEntity,
} from '../../libs/persistence/entities';
import { lockKeys } from '../../libs/requests/resource-locks';
import type { RequestLauncher } from '../../libs/requests/request-launcher';
import { SandboxDirectoryDriver } from '../../libs/systems/directory/sandbox-directory.driver';
import { PhoneInventory } from '../../libs/systems/inventory/phone-inventory';
import { TypeormInventory } from '../../libs/systems/inventory/typeorm-inventory';
import { SandboxPbxDriver } from '../../libs/systems/pbx/sandbox-pbx.driver';
import { DatabaseProvisioningDriver } from '../../libs/systems/provisioning/database-provisioning.driver';
import {
  SandboxPhoneSimulator,
  type SimulatedBoot,
} from '../../libs/systems/provisioning/sandbox-phone-simulator';
import type { World } from './world';

/** A unicast, locally administered MAC nobody else in the run has (canonical form). */
export function randomMac(): string {
  return `02${randomBytes(5).toString('hex')}`;
}

/**
 * An ACTIVE number straight in the inventory, with its SIP account on the sandbox PBX and, for a
 * shared number, its managers e-group `phone-mngr-<number>` in the sandbox directory. (The
 * shared-number workflow lives on another branch; phone tests only need the result.)
 */
export async function seedActiveNumber(
  world: World,
  options: { owner: string; type?: NumberType; managers?: string[]; description?: string },
): Promise<string> {
  const type = options.type ?? 'PERSONAL';
  const requestId = randomUUID();
  const { number } = await new TypeormInventory(world.dataSource).reserveNumber({
    requestId,
    ownerLogin: options.owner,
    type,
    pool: type === 'SHARED' ? world.config.pools.shared : world.config.pools.personal,
  });
  const managersGroup = type === 'SHARED' ? `phone-mngr-${number}` : null;
  await world.dataSource.getRepository(PhoneNumberEntity).update(
    { number },
    {
      state: NumberState.ACTIVE,
      requestId: null,
      managersGroup,
      description: type === 'SHARED' ? (options.description ?? `Lab ${number}`) : null,
    },
  );
  if (managersGroup) {
    await new SandboxDirectoryDriver(world.sandbox).createGroup({
      name: managersGroup,
      description: `Managers of ${number}`,
      ownerLogin: options.owner,
      members: options.managers ?? [],
    });
  }
  await new SandboxPbxDriver(world.sandbox, world.config.sip.domain).createSipAccount({
    extension: number,
    displayName: `Line ${number}`,
    password: randomBytes(12).toString('hex'),
  });
  return number;
}

export interface PhoneRequestOptions {
  requester: string;
  actor?: string;
  number: string;
  mac?: string;
  modelId?: string;
  office?: string | null;
  firstBootTimeoutMs?: number;
  firstBootPollMs?: number;
  /** Launch through this launcher (a test's API that dies) instead of the world's. */
  launcher?: RequestLauncher;
  /** The API dies while writing the REQUESTED row: the row never comes. */
  dieBeforeRequestedRow?: boolean;
}

/** Starts a registration the way the API does: locks, the REQUESTED row, then the workflow. */
export async function requestPhoneRegistration(
  world: World,
  options: PhoneRequestOptions,
): Promise<{ request: RequestEntity; phoneId: string; mac: string }> {
  const mac = options.mac ?? randomMac();
  const phoneId = randomUUID();
  const phones = new PhoneInventory(world.dataSource);
  const modelId = options.modelId ?? 'polycom-vvx-450';
  const office = options.office === undefined ? '513/R-024' : options.office;
  const request = await (options.launcher ?? world.launcher()).launch<RegisterPhoneInput>({
    kind: 'REGISTER_PHONE',
    workflowType: REGISTER_PHONE,
    workflowId: workflowIds.phone(mac),
    locks: [lockKeys.mac(mac), lockKeys.number(options.number)],
    requester: options.requester,
    actor: options.actor ?? options.requester,
    prepare: {
      run: async (requestId) => {
        if (options.dieBeforeRequestedRow) await new Promise(() => undefined);
        await phones.createRequested({
          id: phoneId,
          requestId,
          mac,
          number: options.number,
          modelId,
          office,
          ownerLogin: options.requester,
        });
      },
      undo: () => phones.forgetRequested(phoneId),
    },
    input: (common) => ({
      ...common,
      phoneId,
      mac,
      number: options.number,
      modelId,
      office,
      firstBootTimeoutMs: options.firstBootTimeoutMs ?? 60_000,
      firstBootPollMs: options.firstBootPollMs ?? 100,
    }),
  });
  return { request, phoneId, mac };
}

/**
 * Boots the desk phone once its registration waits for the first boot (PENDING_FIRST_BOOT: its file
 * published and its line bound), a state it keeps until the boot, so the wait cannot miss it. A boot
 * as soon as the file is published could meet the line binding on the sandbox PBX, whose writes
 * replace the whole record: the binding could drop the registration, and the request would then
 * wait for a boot that already happened.
 */
export async function bootWhenPending(world: World, mac: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const phones = world.dataSource.getRepository(IpPhoneEntity);
  while (!(await phones.existsBy({ mac, activation: PhoneActivation.PENDING_FIRST_BOOT }))) {
    if (Date.now() > deadline)
      throw new Error(`the phone ${mac} did not wait for its first boot in ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  await bootPhone(world, mac);
}

/** The sandbox phone simulator on the world's database and ports. */
export function phoneSimulator(world: World): SandboxPhoneSimulator {
  return new SandboxPhoneSimulator(
    world.dataSource,
    provisioningDriver(world),
    world.app.get<DhcpPort>(DHCP_PORT),
    new SandboxPbxDriver(world.sandbox, world.config.sip.domain),
  );
}

export function provisioningDriver(world: World): DatabaseProvisioningDriver {
  return new DatabaseProvisioningDriver(world.dataSource, world.config.provisioningUrl);
}

/** The phone boots (fetches its configuration, registers), and its registration is told to look now. */
export async function bootPhone(world: World, mac: string): Promise<SimulatedBoot> {
  const boot = await phoneSimulator(world).boot(mac);
  await world.client.workflow
    .getHandle(workflowIds.phone(mac))
    .signal(phoneBootedSignal)
    .catch(() => undefined);
  return boot;
}

export function phoneRow(world: World, phoneId: string): Promise<IpPhoneEntity | null> {
  return world.dataSource.getRepository(IpPhoneEntity).findOneBy({ id: phoneId });
}

export function configRow(world: World, mac: string): Promise<ProvisioningConfigEntity | null> {
  return world.dataSource.getRepository(ProvisioningConfigEntity).findOneBy({ mac });
}

/** Waits until the phone's row satisfies the predicate (the workflow writes it as it goes). */
export async function waitForPhone(
  world: World,
  phoneId: string,
  predicate: (phone: IpPhoneEntity) => boolean,
  timeoutMs = 30_000,
): Promise<IpPhoneEntity> {
  const deadline = Date.now() + timeoutMs;
  let last: IpPhoneEntity | null = null;
  while (Date.now() < deadline) {
    last = await phoneRow(world, phoneId);
    if (last && predicate(last)) return last;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`phone ${phoneId} did not reach the expected state; last: ${JSON.stringify(last)}`);
}

/** A phone registered and booted: ACTIVE on the number. */
export async function registerActivePhone(
  world: World,
  options: PhoneRequestOptions,
): Promise<{ phoneId: string; mac: string }> {
  const { request, phoneId, mac } = await requestPhoneRegistration(world, options);
  await waitForPhone(world, phoneId, (p) => p.activation === 'PENDING_FIRST_BOOT');
  await bootPhone(world, mac);
  const progress = (await world.client.workflow
    .getHandle(request.workflowId, request.runId ?? undefined)
    .result()) as { status: string };
  if (progress.status !== 'COMPLETED') throw new Error(`registration ended ${progress.status}`);
  return { phoneId, mac };
}

/** Starts an unregistration the way the API does. */
export function requestPhoneUnregistration(
  world: World,
  options: { requester: string; phoneId: string; mac: string; number: string },
): Promise<RequestEntity> {
  return world.launcher().launch<UnregisterPhoneInput>({
    kind: 'UNREGISTER_PHONE',
    workflowType: UNREGISTER_PHONE,
    workflowId: workflowIds.phone(options.mac),
    locks: [lockKeys.mac(options.mac), lockKeys.number(options.number)],
    requester: options.requester,
    actor: options.requester,
    input: (common) => ({ ...common, phoneId: options.phoneId, mac: options.mac, number: options.number }),
  });
}

/** Starts a D60 pairing the way the API does. */
export function requestD60Pairing(
  world: World,
  options: { requester: string; hostPhoneId: string; hostMac: string; baseMac: string; handsets: string[] },
): Promise<RequestEntity> {
  const baseId = randomUUID();
  return world.launcher().launch<PairD60Input>({
    kind: 'PAIR_D60',
    workflowType: PAIR_D60,
    workflowId: workflowIds.phone(options.hostMac),
    locks: [lockKeys.mac(options.hostMac), lockKeys.mac(options.baseMac)],
    requester: options.requester,
    actor: options.requester,
    input: (common) => ({
      ...common,
      baseId,
      hostPhoneId: options.hostPhoneId,
      hostMac: options.hostMac,
      baseMac: options.baseMac,
      handsets: options.handsets.map((number, i) => ({ slot: i + 1, number })),
    }),
  });
}

/** Starts a D60 unpairing the way the API does. */
export function requestD60Unpairing(
  world: World,
  options: { requester: string; hostPhoneId: string; hostMac: string; baseMac: string },
): Promise<RequestEntity> {
  return world.launcher().launch<UnpairD60Input>({
    kind: 'UNPAIR_D60',
    workflowType: UNPAIR_D60,
    workflowId: workflowIds.phone(options.hostMac),
    locks: [lockKeys.mac(options.hostMac), lockKeys.mac(options.baseMac)],
    requester: options.requester,
    actor: options.requester,
    input: (common) => ({ ...common, hostPhoneId: options.hostPhoneId, hostMac: options.hostMac }),
  });
}
