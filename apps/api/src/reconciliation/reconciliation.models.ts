import { Field, GraphQLISODateTime, ID, Int, ObjectType } from '@nestjs/graphql';
import type { SystemName } from '../../../../libs/contracts/systems';
import { PageInfoModel } from '../desk/desk.models';
import { SystemEnum } from '../requests/request.model';

@ObjectType('SystemScan', { description: "How one system's comparison with the inventory went." })
export class SystemScanModel {
  @Field(() => SystemEnum)
  system!: SystemName;

  @Field({ description: 'PENDING, RUNNING, DONE or FAILED (the system could not be read).' })
  status!: string;

  @Field(() => Int, { description: 'Resources looked at, in the inventory and in the system.' })
  checked!: number;

  @Field(() => Int)
  drift!: number;

  @Field({ nullable: true })
  error?: string;
}

@ObjectType('ReconciliationRun')
export class ReconciliationRunModel {
  @Field(() => ID)
  id!: string;

  @Field({ description: 'RUNNING, COMPLETED, or PARTIAL when some system could not be read.' })
  status!: string;

  @Field()
  startedBy!: string;

  @Field(() => GraphQLISODateTime)
  startedAt!: Date;

  @Field(() => GraphQLISODateTime, { nullable: true })
  finishedAt?: Date;

  @Field(() => [SystemScanModel])
  systems!: SystemScanModel[];

  @Field({ description: "The run's workflow in the Temporal UI." })
  workflowUrl!: string;
}

@ObjectType('DriftItem', { description: 'One difference between the inventory and a system.' })
export class DriftItemModel {
  @Field(() => Int)
  id!: number;

  @Field(() => SystemEnum)
  system!: SystemName;

  @Field({ description: '"number" or "phone".' })
  resourceType!: string;

  @Field({ description: 'The number, or the phone’s MAC: what to pass to repairDrift.' })
  resource!: string;

  @Field({ description: 'MISSING (the inventory expects it), ORPHAN (it should not exist) or MISMATCH.' })
  kind!: string;

  @Field()
  message!: string;

  @Field(() => GraphQLISODateTime)
  detectedAt!: Date;

  @Field(() => ID, { nullable: true, description: 'The repair request started for it, if any.' })
  repairRequestId?: string;
}

@ObjectType('ReconciliationReport')
export class ReconciliationReportModel {
  @Field(() => ReconciliationRunModel)
  run!: ReconciliationRunModel;

  @Field(() => [DriftItemModel], { description: 'Drift items in the order found.' })
  items!: DriftItemModel[];

  @Field(() => PageInfoModel)
  pageInfo!: PageInfoModel;
}
