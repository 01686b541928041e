import { Args, ID, Mutation, Resolver } from '@nestjs/graphql';
import { CurrentCaller } from '../auth/current-viewer.decorator';
import type { Caller } from '../auth/viewer';
import { RequestModel } from '../requests/request.model';
import { RequestViewService } from '../requests/request-view.service';
import { RequestControlService } from './request-control.service';
import { SelfAudited } from './self-audited.decorator';

@Resolver()
export class CancelRequestResolver {
  constructor(
    private readonly control: RequestControlService,
    private readonly views: RequestViewService,
  ) {}

  @SelfAudited()
  @Mutation(() => RequestModel, {
    description:
      'Cancels a request before its point of no return; what was done is undone in reverse. For the person it is for, whoever made it, and the service desk. The reason is required and audited.',
  })
  async cancelRequest(
    @CurrentCaller() caller: Caller,
    @Args('id', { type: () => ID }) id: string,
    @Args('reason') reason: string,
  ): Promise<RequestModel> {
    const row = await this.control.cancel(caller, id, reason);
    return this.views.view(row);
  }
}
