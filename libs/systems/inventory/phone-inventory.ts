import { Not, type DataSource } from 'typeorm';
import { DomainError, DomainErrorCode } from '../../domain/domain-error';
import { formatMacAddress } from '../../domain/mac-address';
import { macInUse, numberHasPhone, phoneDeviceName } from '../../domain/phone-registration';
import { isUniqueViolation } from '../../persistence/database-errors';
import { PhoneActivation } from '../../domain/phone-activation';
import {
  D60BaseEntity,
  IpPhoneEntity,
  PhoneModelEntity,
  PhoneNumberEntity,
} from '../../persistence/entities';
import { systemRejected, type ApplyResult } from '../system-error';

export interface NewPhone {
  id: string;
  requestId: string;
  /** Canonical MAC. */
  mac: string;
  number: string;
  modelId: string;
  office: string | null;
  ownerLogin: string;
}

/**
 * A phone's row as a registration (or a legacy migration) first records it: REQUESTED, named after
 * its number, with nothing learnt from the network or the phone yet.
 */
export function requestedPhoneRow(phone: NewPhone): Partial<IpPhoneEntity> {
  return {
    ...phone,
    name: phoneDeviceName(phone.number),
    activation: REQUESTED,
    ipAddress: null,
    provisioningSecret: null,
    lastFetchAt: null,
    activatedAt: null,
  };
}

export interface NewD60Base {
  id: string;
  hostPhoneId: string;
  baseMac: string;
  handsets: Array<{ slot: number; number: string }>;
}

const {
  REQUESTED,
  NETWORK_REGISTERED,
  CONFIG_PUBLISHED,
  PENDING_FIRST_BOOT,
  CONFIG_FETCHED,
  ACTIVE,
  FAILED,
  UNREGISTERING,
  REMOVED,
} = PhoneActivation;

// docs/domain.md §7: registration moves forward along this path; a retried move to a state already
// passed is "unchanged", not an error.
const REGISTRATION_PATH: readonly PhoneActivation[] = [
  REQUESTED,
  NETWORK_REGISTERED,
  CONFIG_PUBLISHED,
  PENDING_FIRST_BOOT,
  CONFIG_FETCHED,
  ACTIVE,
];
const LIVE_STATES: readonly PhoneActivation[] = [...REGISTRATION_PATH, FAILED, UNREGISTERING];

/** Which states a phone may move to each state from. */
const MOVES_TO: Readonly<Record<PhoneActivation, readonly PhoneActivation[]>> = {
  [REQUESTED]: [],
  [NETWORK_REGISTERED]: [REQUESTED],
  [CONFIG_PUBLISHED]: [NETWORK_REGISTERED],
  [PENDING_FIRST_BOOT]: [CONFIG_PUBLISHED],
  [CONFIG_FETCHED]: [PENDING_FIRST_BOOT],
  [ACTIVE]: [PENDING_FIRST_BOOT, CONFIG_FETCHED],
  // A registration whose compensation left something behind.
  [FAILED]: [REQUESTED, NETWORK_REGISTERED, CONFIG_PUBLISHED, PENDING_FIRST_BOOT, CONFIG_FETCHED],
  // Any live phone may be unregistered (a FAILED one to clean up what its registration left).
  [UNREGISTERING]: LIVE_STATES.filter((s) => s !== UNREGISTERING),
  [REMOVED]: LIVE_STATES,
};

function alreadyThere(current: PhoneActivation, target: PhoneActivation): boolean {
  if (current === target) return true;
  const from = REGISTRATION_PATH.indexOf(current);
  const to = REGISTRATION_PATH.indexOf(target);
  return from >= 0 && to >= 0 && from > to;
}

/** Which partial unique index a violation hit, from the driver's error. */
function violatedIndex(error: unknown): 'mac' | 'number' | undefined {
  const { driverError, constraint, message } = error as {
    driverError?: { constraint?: string; message?: string };
    constraint?: string;
    message?: string;
  };
  const name = driverError?.constraint ?? constraint;
  if (name === 'uq_ip_phones_mac_live') return 'mac';
  if (name === 'uq_ip_phones_number_live') return 'number';
  const text = driverError?.message ?? message ?? '';
  if (text.includes('ip_phones.mac')) return 'mac';
  if (text.includes('ip_phones.number')) return 'number';
  return undefined;
}

/**
 * Desk phones and D60 bases in Switchboard's inventory (`ip_phones`, `d60_bases`). Every write is
 * idempotent and keyed by the phone (one row per registration) or the base; the partial unique
 * indexes on live phones are the last guard against two registrations of one MAC or number.
 */
export class PhoneInventory {
  constructor(private readonly dataSource: DataSource) {}

  private get phones() {
    return this.dataSource.getRepository(IpPhoneEntity);
  }

  private get bases() {
    return this.dataSource.getRepository(D60BaseEntity);
  }

  async findModel(id: string): Promise<PhoneModelEntity | null> {
    return this.dataSource.getRepository(PhoneModelEntity).findOneBy({ id });
  }

  async findNumber(number: string): Promise<PhoneNumberEntity | null> {
    return this.dataSource.getRepository(PhoneNumberEntity).findOneBy({ number });
  }

  async findPhone(id: string): Promise<IpPhoneEntity | null> {
    return this.phones.findOneBy({ id });
  }

  async findLiveByMac(mac: string): Promise<IpPhoneEntity | null> {
    return this.phones.findOneBy({ mac, activation: Not(REMOVED) });
  }

  async findLiveByNumber(number: string): Promise<IpPhoneEntity | null> {
    return this.phones.findOneBy({ number, activation: Not(REMOVED) });
  }

  async findBaseByHost(hostPhoneId: string): Promise<D60BaseEntity | null> {
    return this.bases.findOneBy({ hostPhoneId });
  }

  async findBaseByMac(baseMac: string): Promise<D60BaseEntity | null> {
    return this.bases.findOneBy({ baseMac });
  }

  /** The MAC's current holder: a live phone (other than `exceptPhoneId`) or a D60 base. */
  async requireMacFree(mac: string, exceptPhoneId?: string): Promise<void> {
    const phone = await this.findLiveByMac(mac);
    if (phone && phone.id !== exceptPhoneId) throw macInUse(mac, { kind: 'phone', number: phone.number });
    if (await this.findBaseByMac(mac)) throw macInUse(mac, { kind: 'd60-base' });
  }

  async requireNumberFree(number: string, exceptPhoneId?: string): Promise<void> {
    const phone = await this.findLiveByNumber(number);
    if (phone && phone.id !== exceptPhoneId) throw numberHasPhone(number, phone.mac);
  }

  /**
   * Records a registration in state REQUESTED. The same phone again is "unchanged"; a live phone
   * already on the MAC or the number is MAC_IN_USE / NUMBER_HAS_PHONE, whoever checked before.
   */
  async createRequested(phone: NewPhone): Promise<ApplyResult> {
    const existing = await this.findPhone(phone.id);
    if (existing) {
      if (existing.mac !== phone.mac || existing.number !== phone.number) {
        throw systemRejected('inventory', `phone ${phone.id} is already recorded for another MAC or number`);
      }
      return 'unchanged';
    }
    try {
      await this.phones.insert(requestedPhoneRow(phone));
      return 'applied';
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      if ((await this.findPhone(phone.id))?.mac === phone.mac) return 'unchanged';
      const index = violatedIndex(error);
      const onMac = await this.findLiveByMac(phone.mac);
      if (index === 'mac' || (index === undefined && onMac)) {
        throw macInUse(phone.mac, onMac ? { kind: 'phone', number: onMac.number } : undefined);
      }
      throw numberHasPhone(phone.number, (await this.findLiveByNumber(phone.number))?.mac);
    }
  }

  /** Undoes {@link createRequested} when the request could not even start (nothing else refers to it). */
  async forgetRequested(phoneId: string): Promise<void> {
    await this.phones.delete({ id: phoneId, activation: REQUESTED });
  }

  /**
   * Moves the phone's activation state (docs/domain.md §7). A move to where the phone already is (or has
   * gone past, along the registration path) is "unchanged"; an illegal move is a permanent refusal.
   */
  async moveActivation(
    phoneId: string,
    to: PhoneActivation,
    extra: Partial<
      Pick<IpPhoneEntity, 'ipAddress' | 'requestId' | 'activatedAt' | 'provisioningSecret'>
    > = {},
  ): Promise<ApplyResult> {
    const phone = await this.findPhone(phoneId);
    if (!phone) throw systemRejected('inventory', `there is no phone ${phoneId} in the inventory`);
    if (alreadyThere(phone.activation, to)) {
      const pending = Object.entries(extra).some(
        ([key, value]) => phone[key as keyof typeof extra] !== value && value !== undefined,
      );
      if (!pending) return 'unchanged';
      await this.phones.update({ id: phoneId }, extra);
      return 'applied';
    }
    if (!MOVES_TO[to].includes(phone.activation)) {
      throw new DomainError(
        DomainErrorCode.INVALID_STATE,
        `The phone ${phone.name} is ${phone.activation} and cannot become ${to}.`,
      );
    }
    // Conditional on the state read, so two writers cannot both move it.
    const updated = await this.phones.update(
      { id: phoneId, activation: phone.activation },
      { ...extra, activation: to },
    );
    if ((updated.affected ?? 0) === 0) {
      throw systemRejected('inventory', `the phone ${phone.name} changed while moving it to ${to}; retry`);
    }
    return 'applied';
  }

  /** Records a D60 base on its host. The same base again is "unchanged". */
  async recordBase(base: NewD60Base): Promise<ApplyResult> {
    const existing = await this.bases.findOneBy({ id: base.id });
    if (existing) return 'unchanged';
    const onHost = await this.findBaseByHost(base.hostPhoneId);
    if (onHost) throw d60AlreadyPaired(onHost.baseMac);
    await this.requireMacFree(base.baseMac);
    try {
      await this.bases.insert({ ...base, handsets: base.handsets.map((h) => ({ ...h })) });
      return 'applied';
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      if (await this.bases.findOneBy({ id: base.id })) return 'unchanged';
      const paired = await this.findBaseByHost(base.hostPhoneId);
      throw paired ? d60AlreadyPaired(paired.baseMac) : macInUse(base.baseMac, { kind: 'd60-base' });
    }
  }

  async removeBase(id: string): Promise<ApplyResult> {
    const deleted = await this.bases.delete({ id });
    return (deleted.affected ?? 0) > 0 ? 'applied' : 'unchanged';
  }

  /** Removes whatever base is paired with the host (its host is going away). */
  async removeBaseOfHost(hostPhoneId: string): Promise<ApplyResult> {
    const deleted = await this.bases.delete({ hostPhoneId });
    return (deleted.affected ?? 0) > 0 ? 'applied' : 'unchanged';
  }
}

function d60AlreadyPaired(baseMac: string): DomainError {
  return new DomainError(
    DomainErrorCode.CONFLICT,
    `This phone already has a D60 base (${formatMacAddress(baseMac, 'colon')}); unpair it first.`,
  );
}
