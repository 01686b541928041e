import type { DataSource } from 'typeorm';
import type { Compatibility } from '../../domain/phone-compatibility';
import { PhoneModelEntity } from '../entities';

const polycom = (id: string, name: string, compatible: Compatibility = 'YES') => ({
  id,
  manufacturer: 'Polycom',
  name,
  family: 'polycom',
  compatible,
  addOn: false,
});

/** docs/domain.md §7: the default catalogue. Sites edit it in the database; seeding only adds what is missing. */
export const DEFAULT_PHONE_MODELS: readonly PhoneModelEntity[] = [
  polycom('polycom-vvx-150', 'VVX 150'),
  polycom('polycom-vvx-201', 'VVX 201'),
  polycom('polycom-vvx-250', 'VVX 250'),
  polycom('polycom-vvx-350', 'VVX 350'),
  polycom('polycom-vvx-411', 'VVX 411'),
  polycom('polycom-vvx-450', 'VVX 450'),
  {
    id: 'polycom-d60',
    manufacturer: 'Polycom',
    name: 'D60 base',
    family: 'polycom',
    compatible: 'YES',
    addOn: true,
  },
  {
    id: 'alcatel-ip-touch-4028',
    manufacturer: 'Alcatel',
    name: 'IP Touch 4028',
    family: 'alcatel',
    compatible: 'SOON',
    addOn: false,
  },
  { id: 'cisco-7940', manufacturer: 'Cisco', name: '7940', family: 'cisco', compatible: 'NO', addOn: false },
];

export async function ensurePhoneCatalogue(dataSource: DataSource): Promise<number> {
  const result = await dataSource
    .getRepository(PhoneModelEntity)
    .createQueryBuilder()
    .insert()
    .values(DEFAULT_PHONE_MODELS.map((model) => ({ ...model })))
    .orIgnore()
    .execute();
  return result.raw && Array.isArray(result.raw) ? result.raw.length : 0;
}
