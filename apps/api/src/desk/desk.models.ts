import { Field, GraphQLISODateTime, ID, Int, ObjectType } from '@nestjs/graphql';
import { RequestModel } from '../requests/request.model';

@ObjectType('PageInfo')
export class PageInfoModel {
  @Field()
  hasNextPage!: boolean;

  @Field({ nullable: true, description: 'Pass it as `after` to get the next page.' })
  endCursor?: string;
}

@ObjectType('RequestPage', { description: 'A page of requests, newest first.' })
export class RequestPageModel {
  @Field(() => [RequestModel])
  nodes!: RequestModel[];

  @Field(() => PageInfoModel)
  pageInfo!: PageInfoModel;
}

@ObjectType('AuditEntry', { description: 'Who did what, on whose behalf, with what result (append-only).' })
export class AuditEntryModel {
  @Field(() => Int)
  id!: number;

  @Field(() => GraphQLISODateTime)
  at!: Date;

  @Field({ description: 'Who really acted.' })
  actor!: string;

  @Field({ nullable: true, description: 'The person it was done for, when someone acted for them.' })
  onBehalfOf?: string;

  @Field({ description: 'E.g. RESOLVE_REQUEST_RETRY, CANCEL_REQUEST, REQUEST_PERSONAL_NUMBER.' })
  action!: string;

  @Field(() => ID, { nullable: true })
  requestId?: string;

  @Field({ nullable: true })
  system?: string;

  @Field({ nullable: true, description: 'The number, MAC or workflow acted on.' })
  target?: string;

  @Field({ description: 'OK, REFUSED or FAILED.' })
  result!: string;

  @Field({ nullable: true })
  reason?: string;

  @Field({ nullable: true, description: 'Why it was refused, or what was decided.' })
  detail?: string;
}
