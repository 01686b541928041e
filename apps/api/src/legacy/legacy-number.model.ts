import { Field, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { LegacyService } from '../../../../libs/domain/legacy-migration';
import { NumberType } from '../../../../libs/domain/number-type';
import { Compatibility } from '../../../../libs/domain/phone-compatibility';

registerEnumType(LegacyService, {
  name: 'LegacyService',
  description: 'The old service a number still runs on.',
});

// The schema gives these domain values GraphQL names of their own; Nest keys an enum by its object,
// so each name gets a copy (`Compatibility` itself is registered by the phones module).
export const MigrationTargetEnum = { ...NumberType };
registerEnumType(MigrationTargetEnum, {
  name: 'MigrationTarget',
  description: 'What a legacy number becomes once migrated.',
});

export const LegacyPhoneCompatibilityEnum = { ...Compatibility };
registerEnumType(LegacyPhoneCompatibilityEnum, {
  name: 'LegacyPhoneCompatibility',
  description: 'Whether a desk phone model works on the new service.',
});

@ObjectType('MigrationOption', { description: 'Whether a way of migrating is allowed, and why not.' })
export class MigrationOptionModel {
  @Field()
  allowed!: boolean;

  @Field({ nullable: true, description: 'The error code migrating this way would give.' })
  code?: string;

  @Field({ nullable: true, description: 'Why not, and what to do instead.' })
  reason?: string;
}

@ObjectType('LegacyPhone', { description: 'The desk phone on a legacy line.' })
export class LegacyPhoneModel {
  @Field()
  modelId!: string;

  @Field({ nullable: true, description: 'Manufacturer and model, when the catalogue knows it.' })
  model?: string;

  @Field(() => LegacyPhoneCompatibilityEnum, { nullable: true })
  compatible?: string;

  @Field({ description: 'The phone is re-registered on the new line by the migration.' })
  movesWithNumber!: boolean;
}

@ObjectType('LegacyNumber', { description: 'A number still on a legacy service, listed under you.' })
export class LegacyNumberModel {
  @Field()
  number!: string;

  @Field(() => LegacyService)
  service!: LegacyService;

  @Field({ nullable: true })
  description?: string;

  @Field({ description: 'LEGACY until migrated; MIGRATING while a request works on it.' })
  state!: string;

  @Field(() => Int, { description: 'How many people the phonebook lists it under.' })
  listedUnderCount!: number;

  @Field(() => [String], {
    description: 'Whom it is listed under, as far as you may see: only you (others are counted, not named).',
  })
  listedUnder!: string[];

  @Field(() => LegacyPhoneModel, { nullable: true })
  phone?: LegacyPhoneModel;

  @Field(() => MigrationOptionModel)
  migrateAsPersonal!: MigrationOptionModel;

  @Field(() => MigrationOptionModel)
  migrateAsShared!: MigrationOptionModel;
}
