import { Field, GraphQLISODateTime, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { PhoneActivation } from '../../../../libs/domain/phone-activation';
import { Compatibility } from '../../../../libs/domain/phone-compatibility';
import { NumberRole } from '../numbers/numbers.model';

registerEnumType(Compatibility, {
  name: 'Compatibility',
  description: 'Whether a model works with the new phone system: YES, NO, or SOON (not yet).',
});
registerEnumType(PhoneActivation, {
  name: 'PhoneActivation',
  description:
    'Where a desk phone is: REQUESTED → NETWORK_REGISTERED → CONFIG_PUBLISHED → PENDING_FIRST_BOOT → (CONFIG_FETCHED) → ACTIVE, or FAILED; UNREGISTERING → REMOVED.',
});

@ObjectType('PhoneModel', { description: 'A desk-phone model of the catalogue.' })
export class PhoneModelView {
  @Field(() => ID, { description: 'E.g. polycom-vvx-450; pass it to registerPhone.' })
  id!: string;

  @Field()
  manufacturer!: string;

  @Field()
  name!: string;

  @Field(() => Compatibility, { description: 'Only YES models may be registered.' })
  compatible!: Compatibility;

  @Field({ description: 'An add-on (the D60 base) pairs with a host phone instead of carrying a line.' })
  addOn!: boolean;
}

@ObjectType('D60Handset')
export class D60HandsetView {
  @Field(() => Int)
  slot!: number;

  @Field()
  number!: string;
}

@ObjectType('D60Base', { description: 'A D60 DECT base paired with a desk phone.' })
export class D60BaseView {
  @Field({ description: 'Written with colons, e.g. 00:04:f2:a1:b2:c3.' })
  mac!: string;

  @Field(() => [D60HandsetView])
  handsets!: D60HandsetView[];
}

@ObjectType('IpPhone', { description: 'A desk IP phone registered on a number.' })
export class IpPhoneView {
  @Field(() => ID)
  id!: string;

  @Field({ description: 'The network name, TELEPHONE-<number>.' })
  name!: string;

  @Field()
  number!: string;

  @Field({ description: 'Written with colons, e.g. 00:04:f2:a1:b2:c3.' })
  mac!: string;

  @Field(() => PhoneModelView, { nullable: true, description: 'Null if the model left the catalogue.' })
  model?: PhoneModelView;

  @Field(() => Compatibility, { description: "The model's compatibility." })
  compatible!: Compatibility;

  @Field(() => PhoneActivation)
  activation!: PhoneActivation;

  @Field({ nullable: true })
  office?: string;

  @Field({ nullable: true, description: 'The address DHCP reserved for it.' })
  ipAddress?: string;

  @Field(() => GraphQLISODateTime, { description: 'When the registration was requested.' })
  registeredAt!: Date;

  @Field(() => GraphQLISODateTime, { nullable: true })
  activatedAt?: Date;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'When it last fetched its configuration.' })
  lastConfigFetchAt?: Date;

  @Field({ nullable: true, description: 'The request working on it right now, if any.' })
  requestId?: string;

  @Field(() => D60BaseView, { nullable: true })
  d60Base?: D60BaseView;
}

@ObjectType('NumberForPhone', { description: 'A number you may register a desk phone on.' })
export class NumberForPhoneView {
  @Field()
  number!: string;

  @Field({ description: 'PERSONAL or SHARED.' })
  type!: string;

  @Field({ nullable: true })
  description?: string;

  @Field(() => NumberRole)
  role!: NumberRole;
}

@ObjectType('SimulatedPhoneBoot', { description: 'Sandbox only: what a simulated phone did when it booted.' })
export class SimulatedPhoneBootView {
  @Field()
  mac!: string;

  @Field()
  number!: string;

  @Field(() => GraphQLISODateTime)
  configFetchedAt!: Date;

  @Field({ description: 'Whether it registered its line on the (sandbox) PBX.' })
  registered!: boolean;
}
