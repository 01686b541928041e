import { Field, GraphQLISODateTime, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { CampaignItemStatus, CampaignStatus } from '../../../../libs/domain/campaign';

registerEnumType(CampaignStatus, { name: 'CampaignStatus', description: 'Where a migration campaign is.' });
registerEnumType(CampaignItemStatus, {
  name: 'CampaignItemStatus',
  description: 'Where one number of a migration campaign is.',
});

@InputType('SystemRateInput', { description: 'A rate limit for one system, overriding the campaign rate.' })
export class SystemRateInput {
  @Field({ description: 'A system name, e.g. legacy or pbx.' })
  system!: string;

  @Field(() => Int, { description: 'Migrations started per minute on that system.' })
  perMinute!: number;
}

@ObjectType('SystemRate')
export class SystemRateModel {
  @Field()
  system!: string;

  @Field(() => Int)
  perMinute!: number;
}

@ObjectType('CampaignSummary', { description: 'How many numbers ended how.' })
export class CampaignSummaryModel {
  @Field(() => Int) total!: number;
  @Field(() => Int) succeeded!: number;
  @Field(() => Int) failed!: number;
  @Field(() => Int) skipped!: number;
  @Field(() => Int) cancelled!: number;
  @Field(() => Int) pending!: number;
  @Field(() => Int) running!: number;
}

@ObjectType('CampaignItem', { description: 'One legacy number of a campaign and its outcome.' })
export class CampaignItemModel {
  @Field()
  number!: string;

  @Field({ description: 'The person it is migrated for.' })
  login!: string;

  @Field()
  service!: string;

  @Field({ nullable: true, description: 'PERSONAL or SHARED, decided when its migration starts.' })
  migrateAs?: string;

  @Field({ description: "The person's date (YYYY-MM-DD)." })
  scheduledFor!: string;

  @Field(() => CampaignItemStatus)
  status!: string;

  @Field({ nullable: true, description: 'The migration request of the latest attempt.' })
  requestId?: string;

  @Field(() => Int)
  attempts!: number;

  @Field({ nullable: true, description: 'Why it failed or was skipped.' })
  outcome?: string;

  @Field(() => GraphQLISODateTime, { nullable: true })
  startedAt?: Date;

  @Field(() => GraphQLISODateTime, { nullable: true })
  finishedAt?: Date;
}

@ObjectType('Campaign', { description: "A unit's bulk migration of its legacy numbers." })
export class CampaignModel {
  @Field(() => ID)
  id!: string;

  @Field()
  unit!: string;

  @Field(() => CampaignStatus)
  status!: string;

  @Field({ description: 'The campaign date (YYYY-MM-DD, UTC).' })
  scheduledFor!: string;

  @Field({ description: 'The latest date a person may move their migration to.' })
  maxDate!: string;

  @Field(() => Int)
  ratePerMinute!: number;

  @Field(() => [SystemRateModel])
  systemRates!: SystemRateModel[];

  @Field(() => Int)
  reminderDaysBefore!: number;

  @Field()
  createdBy!: string;

  @Field(() => GraphQLISODateTime)
  startsAt!: Date;

  @Field(() => GraphQLISODateTime, { nullable: true })
  startedAt?: Date;

  @Field(() => GraphQLISODateTime, { nullable: true })
  finishedAt?: Date;

  @Field(() => CampaignSummaryModel)
  summary!: CampaignSummaryModel;

  @Field(() => [CampaignItemModel])
  items!: CampaignItemModel[];
}

@ObjectType('ScheduledMigration', { description: 'When one of your legacy numbers is to be migrated.' })
export class ScheduledMigrationModel {
  @Field(() => ID)
  campaignId!: string;

  @Field()
  unit!: string;

  @Field()
  number!: string;

  @Field()
  service!: string;

  @Field(() => CampaignItemStatus)
  status!: string;

  @Field({ description: 'Your date (YYYY-MM-DD).' })
  scheduledFor!: string;

  @Field({ description: "The campaign's date." })
  campaignDate!: string;

  @Field({ description: 'The earliest date you may move it to (tomorrow).' })
  earliestDate!: string;

  @Field({ description: 'The latest date you may move it to.' })
  maxDate!: string;

  @Field({ description: 'You may still move it or migrate now.' })
  canChange!: boolean;

  @Field({ nullable: true })
  requestId?: string;

  @Field({ nullable: true })
  outcome?: string;
}
