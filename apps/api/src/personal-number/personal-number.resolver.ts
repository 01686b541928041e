import { Mutation, Resolver } from '@nestjs/graphql';
import { CurrentCaller } from '../auth/current-viewer.decorator';
import type { Caller } from '../auth/viewer';
import { RequestModel } from '../requests/request.model';
import { RequestViewService } from '../requests/request-view.service';
import { PersonalNumberService } from './personal-number.service';

@Resolver()
export class PersonalNumberResolver {
  constructor(
    private readonly personalNumbers: PersonalNumberService,
    private readonly views: RequestViewService,
  ) {}

  @Mutation(() => RequestModel, {
    description:
      'Asks for a personal number. Returns the accepted request at once; follow it with `request(id)`.',
  })
  async requestPersonalNumber(@CurrentCaller() caller: Caller): Promise<RequestModel> {
    const row = await this.personalNumbers.request(caller.login, caller.actor);
    return this.views.accepted(row);
  }
}
