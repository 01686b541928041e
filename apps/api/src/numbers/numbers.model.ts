import { Field, GraphQLISODateTime, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { NumberState } from '../../../../libs/domain/number-state';

registerEnumType(NumberState, { name: 'NumberState', description: 'Where a number is in its life.' });

export const NumberRole = { OWNER: 'OWNER', MANAGER: 'MANAGER' } as const;
export type NumberRole = (typeof NumberRole)[keyof typeof NumberRole];
registerEnumType(NumberRole, {
  name: 'NumberRole',
  description: 'What you are for a shared number: its owner, or a member of its managers e-group.',
});

@ObjectType('PersonalNumber', { description: 'Your personal number.' })
export class PersonalNumberModel {
  @Field()
  number!: string;

  @Field(() => NumberState)
  state!: NumberState;

  @Field({ description: 'Whether the phonebook lists it under your name.' })
  inPhonebook!: boolean;
}

@ObjectType('ManagersGroup', { description: "A shared number's managers e-group." })
export class ManagersGroupModel {
  @Field({ description: 'phone-mngr-<number>' })
  name!: string;

  @Field(() => [String], { description: 'Logins of its members.' })
  members!: string[];
}

@ObjectType('SharedNumber', { description: 'A shared number you own or manage.' })
export class SharedNumberModel {
  @Field()
  number!: string;

  @Field({ nullable: true })
  description?: string;

  @Field({ nullable: true, description: "The owner's login." })
  owner?: string;

  @Field(() => ManagersGroupModel, { nullable: true })
  managersGroup?: ManagersGroupModel;

  @Field()
  inPhonebook!: boolean;

  @Field(() => NumberRole)
  myRole!: NumberRole;

  @Field(() => NumberState)
  state!: NumberState;
}

@ObjectType('OwnershipOffer', { description: 'A proposal that you become the owner of a shared number.' })
export class OwnershipOfferModel {
  @Field(() => ID, { description: 'The change-owner request; answer with respondToOwnership(requestId, …).' })
  requestId!: string;

  @Field()
  number!: string;

  @Field({ nullable: true })
  description?: string;

  @Field({ nullable: true, description: 'Login of the current owner.' })
  currentOwner?: string;

  @Field({ description: 'Who proposed it.' })
  proposedBy!: string;

  @Field(() => GraphQLISODateTime, { description: 'Answer before this; afterwards the offer lapses.' })
  expiresAt!: Date;
}

@ObjectType('SoftphoneNumbers', { description: 'The numbers you may register a softphone with.' })
export class SoftphoneNumbersModel {
  @Field(() => [String])
  personal!: string[];

  @Field(() => [String])
  shared!: string[];
}
