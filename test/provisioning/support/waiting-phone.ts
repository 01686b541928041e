import type { RequestEntity } from '../../../libs/persistence/entities';
import { DHCP_PORT, type DhcpPort } from '../../../libs/systems/dhcp/dhcp.port';
import { seedPerson } from '../../support/factories';
import {
  randomMac,
  requestPhoneRegistration,
  seedActiveNumber,
  waitForPhone,
} from '../../support/phone-fixtures';
import type { World } from '../../support/world';
import { bootPath, phoneRequest } from './phone-http';
import type { PhoneTransport } from './polycom-phone';

/** A phone whose registration (the real workflow) waits for its first boot. */
export interface WaitingPhone {
  owner: string;
  number: string;
  mac: string;
  phoneId: string;
  request: RequestEntity;
  /** `/p/<secret>/` from its DHCP reservation. */
  base: string;
}

/**
 * Registers a phone of `modelId` (a MAC with the vendor's prefix) on a fresh number whose SIP
 * password is in the vault, and waits until the workflow waits for its first boot.
 */
export async function registerWaitingPhone(
  world: World,
  options: { modelId?: string; macPrefix?: string } = {},
): Promise<WaitingPhone> {
  const owner = (await seedPerson(world.sandbox)).login;
  const number = await seedActiveNumber(world, { owner });
  await world.deps.credentials.getOrCreate(number);
  const mac = `${options.macPrefix ?? '0004f2'}${randomMac().slice(6)}`;
  const { request, phoneId } = await requestPhoneRegistration(world, {
    requester: owner,
    number,
    mac,
    modelId: options.modelId,
    firstBootTimeoutMs: 60_000,
    firstBootPollMs: 100,
  });
  await waitForPhone(world, phoneId, (p) => p.activation === 'PENDING_FIRST_BOOT');
  const reservation = await world.app.get<DhcpPort>(DHCP_PORT).findReservation(mac);
  return { owner, number, mac, phoneId, request, base: bootPath(reservation!.bootUrl) };
}

/** The phone's requests over plain HTTP to the server at `url`, under its boot path. */
export const overHttp =
  (url: string, phone: Pick<WaitingPhone, 'base'>): PhoneTransport =>
  (method, file, body) =>
    phoneRequest(url, `${phone.base}${file}`, { method, body });
