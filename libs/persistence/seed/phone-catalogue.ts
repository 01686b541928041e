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

const yealink = (id: string, name: string): PhoneModelEntity => ({
  id,
  manufacturer: 'Yealink',
  name,
  family: 'yealink',
  compatible: 'YES',
  addOn: false,
});

/** docs/domain.md §7: the default catalogue, seeded into an empty table; sites change it afterwards. */
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
  // Beyond the rule book's defaults: a second vendor family, served by libs/provisioning-templates/yealink.
  yealink('yealink-t33g', 'SIP-T33G'),
  yealink('yealink-t46u', 'SIP-T46U'),
  yealink('yealink-t54w', 'SIP-T54W'),
];

/**
 * Seeds the default catalogue into an empty table, once: from then on the catalogue is the site's
 * (a telephony admin changes it with `npm run phone-catalogue`), and a model the admin removed does
 * not come back at the next deploy. Returns how many rows it added.
 */
export async function ensurePhoneCatalogue(dataSource: DataSource): Promise<number> {
  const repo = dataSource.getRepository(PhoneModelEntity);
  if ((await repo.count()) > 0) return 0;
  const result = await repo
    .createQueryBuilder()
    .insert()
    .values(DEFAULT_PHONE_MODELS.map((model) => ({ ...model })))
    .orIgnore()
    .execute();
  return result.raw && Array.isArray(result.raw) ? result.raw.length : 0;
}
