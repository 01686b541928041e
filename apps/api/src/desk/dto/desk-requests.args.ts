import { ArgsType, Field, InputType, Int } from '@nestjs/graphql';
import { RequestStatus } from '../../../../../libs/contracts/request-status';
import type { SystemName } from '../../../../../libs/contracts/systems';
import { SystemEnum } from '../../requests/request.model';

@InputType({ description: 'Narrows the service-desk queue; every field is optional.' })
export class DeskRequestFilter {
  @Field(() => RequestStatus, { nullable: true })
  status?: RequestStatus;

  @Field(() => SystemEnum, { nullable: true, description: 'The system of the failed or parked step.' })
  system?: SystemName;

  @Field({ nullable: true, description: 'Login of the person the request is for.' })
  requester?: string;

  @Field({ nullable: true, description: 'What was asked, e.g. NEW_PERSONAL_NUMBER.' })
  kind?: string;
}

@ArgsType()
export class DeskRequestsArgs {
  @Field(() => DeskRequestFilter, { nullable: true })
  filter?: DeskRequestFilter;

  @Field(() => Int, { defaultValue: 20, description: 'Page size, 1 to 100.' })
  first!: number;

  @Field({ nullable: true, description: "The previous page's `endCursor`." })
  after?: string;
}

@ArgsType()
export class StuckRequestsArgs {
  @Field(() => SystemEnum, { nullable: true, description: 'Only requests parked on this system.' })
  system?: SystemName;

  @Field({ nullable: true, description: 'Only requests for this person.' })
  requester?: string;
}
