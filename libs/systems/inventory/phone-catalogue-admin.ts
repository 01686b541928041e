import { Not, type DataSource } from 'typeorm';
import { DomainError, DomainErrorCode } from '../../domain/domain-error';
import { Compatibility } from '../../domain/phone-compatibility';
import { PhoneActivation } from '../../domain/phone-activation';
import { IpPhoneEntity, PhoneModelEntity } from '../../persistence/entities';

/**
 * The phone catalogue as a telephony admin changes it, without a release (`npm run
 * phone-catalogue`, docs/provisioning.md "The phone catalogue"): list, add or change a model, remove
 * an unused one. Registration reads the table on every request, so a change takes effect at once.
 */

export interface PhoneModelInput {
  id: string;
  manufacturer: string;
  name: string;
  family: string;
  compatible: string;
  addOn: boolean;
}

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

const invalid = (message: string) => new DomainError(DomainErrorCode.INVALID_INPUT, message);

/**
 * Checks a row as an admin typed it. `families`: the template folders the provisioning server has;
 * a model that may be registered (YES, not an add-on) must name one, or its phones would get no file.
 */
export function validPhoneModel(input: PhoneModelInput, families: readonly string[]): PhoneModelEntity {
  if (!SLUG.test(input.id) || input.id.length > 64)
    throw invalid(
      `Model id: "${input.id.slice(0, 64)}" is not a slug (lower-case letters, digits, dashes; at most 64).`,
    );
  for (const [field, value] of [
    ['Manufacturer', input.manufacturer],
    ['Name', input.name],
  ] as const) {
    if (value.trim() === '' || value.length > 64) throw invalid(`${field}: give 1 to 64 characters.`);
  }
  if (!SLUG.test(input.family) || input.family.length > 32)
    throw invalid(
      `Family: "${input.family.slice(0, 32)}" is not a family name (a slug of at most 32 characters).`,
    );
  if (!Object.values(Compatibility).includes(input.compatible as Compatibility))
    throw invalid(`Compatible: "${input.compatible.slice(0, 8)}" is not one of YES, NO, SOON.`);
  const compatible = input.compatible as Compatibility;
  if (compatible === Compatibility.YES && !input.addOn && !families.includes(input.family))
    throw invalid(
      `Family: there are no provisioning templates for "${input.family}" (have: ${families.join(', ')}); ` +
        `add the folder first, or mark the model SOON.`,
    );
  return { ...input, manufacturer: input.manufacturer.trim(), name: input.name.trim(), compatible };
}

export class PhoneCatalogueAdmin {
  constructor(
    private readonly dataSource: DataSource,
    private readonly families: readonly string[],
  ) {}

  list(): Promise<PhoneModelEntity[]> {
    return this.dataSource
      .getRepository(PhoneModelEntity)
      .find({ order: { manufacturer: 'ASC', name: 'ASC' } });
  }

  /** Adds the model, or changes the row with its id. */
  async set(input: PhoneModelInput): Promise<'added' | 'updated' | 'unchanged'> {
    const model = validPhoneModel(input, this.families);
    const repo = this.dataSource.getRepository(PhoneModelEntity);
    const existing = await repo.findOneBy({ id: model.id });
    if (existing && JSON.stringify({ ...existing }) === JSON.stringify({ ...existing, ...model }))
      return 'unchanged';
    await repo.save(model);
    return existing ? 'updated' : 'added';
  }

  /** Removes a model no live phone uses; one in use is retired by marking it NO instead. */
  async remove(id: string): Promise<'removed'> {
    const repo = this.dataSource.getRepository(PhoneModelEntity);
    if (!(await repo.existsBy({ id })))
      throw new DomainError(
        DomainErrorCode.NOT_FOUND,
        `There is no phone model "${id.slice(0, 64)}" to remove.`,
      );
    const inUse = await this.dataSource
      .getRepository(IpPhoneEntity)
      .countBy({ modelId: id, activation: Not(PhoneActivation.REMOVED) });
    if (inUse > 0)
      throw new DomainError(
        DomainErrorCode.CONFLICT,
        `${inUse} registered phone(s) are ${id}: it stays in the catalogue. Mark it NO to stop new registrations.`,
      );
    await repo.delete({ id });
    return 'removed';
  }
}
