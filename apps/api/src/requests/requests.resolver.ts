import { Args, ID, Query, Resolver } from '@nestjs/graphql';
import { DomainError, DomainErrorCode } from '../../../../libs/domain/domain-error';
import { RequestStore } from '../../../../libs/requests/request-store';
import { CurrentCaller } from '../auth/current-viewer.decorator';
import type { Caller } from '../auth/viewer';
import { RequestModel } from './request.model';
import { RequestViewService } from './request-view.service';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

@Resolver(() => RequestModel)
export class RequestsResolver {
  constructor(
    private readonly requests: RequestStore,
    private readonly views: RequestViewService,
  ) {}

  @Query(() => RequestModel, {
    description:
      'A request with its live step timeline. Visible to the person it is for, whoever made it, and the service desk.',
  })
  async request(
    @CurrentCaller() caller: Caller,
    @Args('id', { type: () => ID }) id: string,
  ): Promise<RequestModel> {
    const notFound = new DomainError(
      DomainErrorCode.NOT_FOUND,
      `There is no request ${id.slice(0, 64)} that you can see. Check the link, or list your requests.`,
    );
    if (!UUID.test(id)) throw notFound;
    const row = await this.requests.find(id);
    const mayView = caller.isServiceDesk || row?.requester === caller.login || row?.actor === caller.login;
    if (!row || !mayView) throw notFound;
    return this.views.view(row);
  }

  @Query(() => [RequestModel], { description: 'Your requests, newest first.' })
  async myRequests(@CurrentCaller() caller: Caller): Promise<RequestModel[]> {
    const rows = await this.requests.listForRequester(caller.login);
    return Promise.all(rows.map((row) => this.views.view(row)));
  }
}
