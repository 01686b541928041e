import { Field, GraphQLISODateTime, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { ResolveAction } from '../../../../libs/contracts/progress';
import { RequestStatus, StepStatus, UndoStatus } from '../../../../libs/contracts/request-status';
import { SYSTEMS, type SystemName } from '../../../../libs/contracts/systems';

export const SystemEnum = Object.fromEntries(SYSTEMS.map((s) => [s.toUpperCase(), s])) as Record<
  Uppercase<SystemName>,
  SystemName
>;

registerEnumType(RequestStatus, { name: 'RequestStatus', description: 'Where a request is in its life.' });
registerEnumType(StepStatus, { name: 'StepStatus' });
registerEnumType(UndoStatus, { name: 'UndoStatus', description: 'Progress of the undo of a step.' });
registerEnumType(SystemEnum, { name: 'SystemName', description: 'The system a step acts on.' });

registerEnumType(ResolveAction, {
  name: 'ResolveAction',
  description: "The service desk's decision on a parked request.",
});

@ObjectType('RequestStep', { description: 'One step of a request, on one system.' })
export class RequestStepModel {
  @Field()
  id!: string;

  @Field(() => SystemEnum)
  system!: SystemName;

  @Field({ description: 'What the step does.' })
  action!: string;

  @Field(() => StepStatus)
  status!: StepStatus;

  @Field(() => Int)
  attempts!: number;

  @Field({ nullable: true })
  lastError?: string;

  @Field({ nullable: true })
  lastErrorType?: string;

  @Field(() => GraphQLISODateTime, { nullable: true })
  startedAt?: Date;

  @Field(() => GraphQLISODateTime, { nullable: true })
  finishedAt?: Date;

  @Field({ nullable: true, description: 'E.g. "already in place" when a retry found the work done.' })
  note?: string;

  @Field(() => UndoStatus)
  undo!: UndoStatus;

  @Field(() => Int)
  undoAttempts!: number;

  @Field({ nullable: true })
  undoError?: string;
}

@ObjectType('ParkedState', { description: 'Why a request waits for the service desk.' })
export class ParkedStateModel {
  @Field()
  stepId!: string;

  @Field(() => SystemEnum)
  system!: SystemName;

  @Field({ description: '"step" when the step ran out of retries, "undo" when its undo did.' })
  phase!: string;

  @Field()
  error!: string;

  @Field(() => GraphQLISODateTime)
  since!: Date;

  @Field(() => [ResolveAction])
  allowedActions!: string[];

  @Field(() => GraphQLISODateTime, {
    nullable: true,
    description: 'When the request compensates on its own if nobody decides.',
  })
  decidesAt?: Date;
}

@ObjectType('Request', { description: 'A request and its live step-by-step timeline.' })
export class RequestModel {
  @Field(() => ID)
  id!: string;

  @Field({ description: 'What was asked, e.g. NEW_PERSONAL_NUMBER.' })
  kind!: string;

  @Field(() => RequestStatus)
  status!: RequestStatus;

  @Field({ description: 'Login of the person the request is for.' })
  requester!: string;

  @Field({ description: 'Login of whoever made the request.' })
  actor!: string;

  @Field({ nullable: true, description: 'The number or MAC the request acts on, once known.' })
  subject?: string;

  @Field({ nullable: true, description: 'The new number, for requests that allocate one.' })
  number?: string;

  @Field({ nullable: true })
  failureReason?: string;

  @Field()
  pastPointOfNoReturn!: boolean;

  @Field(() => [RequestStepModel])
  steps!: RequestStepModel[];

  @Field(() => ParkedStateModel, { nullable: true })
  parked?: ParkedStateModel;

  @Field(() => GraphQLISODateTime)
  createdAt!: Date;

  @Field(() => GraphQLISODateTime)
  updatedAt!: Date;

  @Field(() => GraphQLISODateTime, { nullable: true })
  finishedAt?: Date;

  @Field({ description: "The request's workflow in the Temporal UI." })
  workflowUrl!: string;
}
