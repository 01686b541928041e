import { Inject, Injectable } from '@nestjs/common';
import { NumberState } from '../../../../libs/domain/number-state';
import { formatMacAddress } from '../../../../libs/domain/mac-address';
import type {
  IpPhoneEntity,
  PhoneModelEntity,
  PhoneNumberEntity,
} from '../../../../libs/persistence/entities';
import { DIRECTORY_PORT, type DirectoryPort } from '../../../../libs/systems/directory/directory.port';
import { NumberQueries } from '../../../../libs/systems/inventory/number-queries';
import { PhoneQueries } from '../../../../libs/systems/inventory/phone-queries';
import { NumberRole } from '../numbers/numbers.model';
import { type IpPhoneView, type NumberForPhoneView, type PhoneModelView } from './phone.model';

const MANAGERS_GROUP_PREFIX = 'phone-mngr-';

/** What the portal shows about desk phones: the catalogue, a person's phones and free numbers. */
@Injectable()
export class PhoneQueriesService {
  constructor(
    private readonly phones: PhoneQueries,
    private readonly numbers: NumberQueries,
    @Inject(DIRECTORY_PORT) private readonly directory: DirectoryPort,
  ) {}

  async catalogue(): Promise<PhoneModelView[]> {
    const models = await this.phones.catalogue();
    return models.map(toModelView);
  }

  /** Numbers the person owns, or manages through a `phone-mngr-<number>` e-group. */
  async numbersOf(login: string): Promise<Array<{ number: PhoneNumberEntity; role: NumberRole }>> {
    const owned = await this.numbers.ownedBy(login);
    const groups = (await this.directory.groupsOf(login)).filter((g) => g.startsWith(MANAGERS_GROUP_PREFIX));
    const managed = await this.numbers.sharedManagedThrough(groups);
    const byNumber = new Map<string, { number: PhoneNumberEntity; role: NumberRole }>();
    for (const number of managed) byNumber.set(number.number, { number, role: NumberRole.MANAGER });
    for (const number of owned) byNumber.set(number.number, { number, role: NumberRole.OWNER });
    return [...byNumber.values()].sort((a, b) => a.number.number.localeCompare(b.number.number));
  }

  /** Phones (not removed) on the numbers the person owns or manages. */
  async phonesOf(login: string): Promise<IpPhoneView[]> {
    const numbers = (await this.numbersOf(login)).map((n) => n.number.number);
    if (numbers.length === 0) return [];
    const phones = await this.phones.livePhonesOn(numbers);
    return this.views(phones);
  }

  /** ACTIVE numbers the person owns or manages that have no phone yet. */
  async numbersForNewPhone(login: string): Promise<NumberForPhoneView[]> {
    const candidates = (await this.numbersOf(login)).filter((n) => n.number.state === NumberState.ACTIVE);
    if (candidates.length === 0) return [];
    const withPhone = await this.phones.numbersWithLivePhone(candidates.map((c) => c.number.number));
    return candidates
      .filter((c) => !withPhone.has(c.number.number))
      .map(({ number, role }) => ({
        number: number.number,
        type: number.type ?? 'PERSONAL',
        description: number.description ?? undefined,
        role,
      }));
  }

  async view(phone: IpPhoneEntity): Promise<IpPhoneView> {
    const [view] = await this.views([phone]);
    return view;
  }

  private async views(phones: IpPhoneEntity[]): Promise<IpPhoneView[]> {
    if (phones.length === 0) return [];
    const models = await this.phones.models([...new Set(phones.map((p) => p.modelId))]);
    const bases = await this.phones.basesHostedBy(phones.map((p) => p.id));
    return phones.map((phone) => {
      const model = models.find((m) => m.id === phone.modelId);
      const base = bases.find((b) => b.hostPhoneId === phone.id);
      return {
        id: phone.id,
        name: phone.name,
        number: phone.number,
        mac: formatMacAddress(phone.mac, 'colon'),
        model: model ? toModelView(model) : undefined,
        compatible: model?.compatible ?? 'NO',
        activation: phone.activation,
        office: phone.office ?? undefined,
        ipAddress: phone.ipAddress ?? undefined,
        registeredAt: phone.createdAt,
        activatedAt: phone.activatedAt ?? undefined,
        lastConfigFetchAt: phone.lastFetchAt ?? undefined,
        requestId: phone.requestId ?? undefined,
        d60Base: base
          ? { mac: formatMacAddress(base.baseMac, 'colon'), handsets: base.handsets.map((h) => ({ ...h })) }
          : undefined,
      };
    });
  }
}

function toModelView(model: PhoneModelEntity): PhoneModelView {
  return {
    id: model.id,
    manufacturer: model.manufacturer,
    name: model.name,
    compatible: model.compatible,
    addOn: Boolean(model.addOn),
  };
}
