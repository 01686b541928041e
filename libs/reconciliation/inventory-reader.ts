import { In, MoreThan, Not, type DataSource } from 'typeorm';
import { NumberState } from '../domain/number-state';
import { PhoneActivation } from '../domain/phone-activation';
import {
  IpPhoneEntity,
  PhoneModelEntity,
  PhoneNumberEntity,
  ResourceLockEntity,
} from '../persistence/entities';
import { lockKeys } from '../requests/resource-locks';
import { numberFields } from '../systems/inventory/number-inventory';
import type { InventoryNumber, InventoryPhone } from './expectations';

// States a request is in the middle of changing: the row is not final, whoever holds it.
const IN_FLIGHT_STATES: readonly NumberState[] = [NumberState.PROVISIONING, NumberState.MIGRATING];

/**
 * Reads the inventory the way reconciliation needs it: in pages ordered by key, or a page's worth of
 * keys at once, with whether a running request holds each resource. Read-only.
 */
export class InventoryReader {
  constructor(private readonly dataSource: DataSource) {}

  /** Numbers in number order after `after`. */
  async numbersPage(after: string | undefined, limit: number): Promise<InventoryNumber[]> {
    const rows = await this.dataSource.getRepository(PhoneNumberEntity).find({
      where: after === undefined ? {} : { number: MoreThan(after) },
      order: { number: 'ASC' },
      take: limit,
    });
    return this.withBusy(rows);
  }

  /** The inventory's rows for these numbers (absent ones are not in the map). */
  async numbers(numbers: string[], ignoreLocksOf?: string): Promise<Map<string, InventoryNumber>> {
    if (numbers.length === 0) return new Map();
    const rows = await this.dataSource.getRepository(PhoneNumberEntity).findBy({ number: In(numbers) });
    return new Map((await this.withBusy(rows, ignoreLocksOf)).map((n) => [n.number, n]));
  }

  /** Phones that are not removed, in MAC order after `after`. */
  async phonesPage(after: string | undefined, limit: number): Promise<InventoryPhone[]> {
    const rows = await this.dataSource.getRepository(IpPhoneEntity).find({
      where: {
        activation: Not(PhoneActivation.REMOVED),
        ...(after === undefined ? {} : { mac: MoreThan(after) }),
      },
      order: { mac: 'ASC' },
      take: limit,
    });
    return this.phonesWithBusy(rows);
  }

  /** The phone (not removed) that holds each of these MACs. */
  async phonesByMac(macs: string[], ignoreLocksOf?: string): Promise<Map<string, InventoryPhone>> {
    if (macs.length === 0) return new Map();
    const rows = await this.dataSource
      .getRepository(IpPhoneEntity)
      .findBy({ mac: In(macs), activation: Not(PhoneActivation.REMOVED) });
    return new Map((await this.phonesWithBusy(rows, ignoreLocksOf)).map((p) => [p.mac, p]));
  }

  async phoneModel(id: string): Promise<PhoneModelEntity | null> {
    return this.dataSource.getRepository(PhoneModelEntity).findOneBy({ id });
  }

  private async withBusy(rows: PhoneNumberEntity[], ignoreLocksOf?: string): Promise<InventoryNumber[]> {
    const keysOf = (row: PhoneNumberEntity) => [
      lockKeys.number(row.number),
      ...(row.type === 'PERSONAL' && row.ownerLogin ? [lockKeys.personalNumberOf(row.ownerLogin)] : []),
    ];
    const locked = await this.lockedAmong(rows.flatMap(keysOf), ignoreLocksOf);
    return rows.map((row) => ({
      ...numberFields(row),
      busy:
        row.requestId !== null ||
        IN_FLIGHT_STATES.includes(row.state) ||
        keysOf(row).some((key) => locked.has(key)),
    }));
  }

  private async phonesWithBusy(rows: IpPhoneEntity[], ignoreLocksOf?: string): Promise<InventoryPhone[]> {
    const keysOf = (row: IpPhoneEntity) => [lockKeys.mac(row.mac), lockKeys.number(row.number)];
    const locked = await this.lockedAmong(rows.flatMap(keysOf), ignoreLocksOf);
    return rows.map((row) => ({
      mac: row.mac,
      number: row.number,
      activation: row.activation,
      ownerLogin: row.ownerLogin,
      modelId: row.modelId,
      office: row.office,
      provisioningSecret: row.provisioningSecret,
      busy: row.requestId !== null || keysOf(row).some((key) => locked.has(key)),
    }));
  }

  /** Which of these resources a running request holds (a repair ignores its own locks). */
  private async lockedAmong(keys: string[], ignoreLocksOf?: string): Promise<Set<string>> {
    if (keys.length === 0) return new Set();
    const rows = await this.dataSource.getRepository(ResourceLockEntity).findBy({ resource: In(keys) });
    return new Set(rows.filter((row) => row.requestId !== ignoreLocksOf).map((row) => row.resource));
  }
}
