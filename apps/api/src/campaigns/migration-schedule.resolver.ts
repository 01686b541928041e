import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CurrentCaller } from '../auth/current-viewer.decorator';
import type { Caller } from '../auth/viewer';
import { SelfAudited } from '../desk/self-audited.decorator';
import { RequestModel } from '../requests/request.model';
import { RequestViewService } from '../requests/request-view.service';
import { ScheduledMigrationModel } from './campaign.model';
import { MigrationScheduleService } from './migration-schedule.service';

/** People whose legacy numbers are in a campaign. */
// Its services write the audit themselves, with the MAC or number: every request started, and the
// desk's on-behalf actions, refusals included.
@SelfAudited()
@Resolver(() => ScheduledMigrationModel)
export class MigrationScheduleResolver {
  constructor(
    private readonly schedule: MigrationScheduleService,
    private readonly views: RequestViewService,
  ) {}

  @Query(() => [ScheduledMigrationModel], { description: 'When your legacy numbers are to be migrated.' })
  async myMigrationSchedule(@CurrentCaller() caller: Caller): Promise<ScheduledMigrationModel[]> {
    return this.schedule.scheduleOf(caller);
  }

  @Mutation(() => ScheduledMigrationModel, {
    description:
      "Moves your number's migration to another day, from tomorrow up to the campaign's maximum date.",
  })
  async moveMyMigration(
    @CurrentCaller() caller: Caller,
    @Args('number') number: string,
    @Args('date', { description: 'YYYY-MM-DD (UTC)' }) date: string,
  ): Promise<ScheduledMigrationModel> {
    return this.schedule.move(caller, number, date);
  }

  @Mutation(() => RequestModel, {
    description: "Migrates your number now instead of on the campaign's date.",
  })
  async migrateNow(@CurrentCaller() caller: Caller, @Args('number') number: string): Promise<RequestModel> {
    return this.views.accepted(await this.schedule.migrateNow(caller, number));
  }
}
