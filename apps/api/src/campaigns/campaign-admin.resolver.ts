import { Args, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CurrentCaller } from '../auth/current-viewer.decorator';
import type { Caller } from '../auth/viewer';
import { CampaignModel, SystemRateInput } from './campaign.model';
import { CampaignsService } from './campaigns.service';

/** Unit admins (for their units) and the service desk. */
@Resolver(() => CampaignModel)
export class CampaignAdminResolver {
  constructor(private readonly campaigns: CampaignsService) {}

  @Mutation(() => CampaignModel, {
    description:
      "Schedules the migration of a unit's legacy numbers on a date (from tomorrow), starting at most ratePerMinute migrations a minute on each system; people may move their date up to maxDate.",
  })
  async scheduleCampaign(
    @CurrentCaller() caller: Caller,
    @Args('unit') unit: string,
    @Args('date', { description: 'YYYY-MM-DD (UTC)' }) date: string,
    @Args('ratePerMinute', { type: () => Int }) ratePerMinute: number,
    @Args('maxDate', { description: 'YYYY-MM-DD, on or after date' }) maxDate: string,
    @Args('reminderDaysBefore', { type: () => Int, nullable: true }) reminderDaysBefore: number | null,
    @Args('systemRates', { type: () => [SystemRateInput], nullable: true })
    systemRates: SystemRateInput[] | null,
  ): Promise<CampaignModel> {
    return this.campaigns.schedule(caller, {
      unit,
      date,
      maxDate,
      ratePerMinute,
      reminderDaysBefore: reminderDaysBefore ?? undefined,
      systemRates: systemRates ?? [],
    });
  }

  @Mutation(() => CampaignModel, { description: 'Stops starting new migrations; running ones finish.' })
  async pauseCampaign(
    @CurrentCaller() caller: Caller,
    @Args('id', { type: () => ID }) id: string,
    @Args('reason', { type: () => String, nullable: true }) reason: string | null,
  ): Promise<CampaignModel> {
    return this.campaigns.pause(caller, id, reason ?? null);
  }

  @Mutation(() => CampaignModel)
  async resumeCampaign(
    @CurrentCaller() caller: Caller,
    @Args('id', { type: () => ID }) id: string,
  ): Promise<CampaignModel> {
    return this.campaigns.resume(caller, id);
  }

  @Mutation(() => CampaignModel, {
    description: 'Cancels every migration not started yet; running ones finish. A reason is required.',
  })
  async cancelCampaign(
    @CurrentCaller() caller: Caller,
    @Args('id', { type: () => ID }) id: string,
    @Args('reason') reason: string,
  ): Promise<CampaignModel> {
    return this.campaigns.cancel(caller, id, reason);
  }

  @Mutation(() => CampaignModel, { description: 'Puts a failed number of the campaign back in its queue.' })
  async retryCampaignItem(
    @CurrentCaller() caller: Caller,
    @Args('id', { type: () => ID }) id: string,
    @Args('number') number: string,
  ): Promise<CampaignModel> {
    return this.campaigns.retryItem(caller, id, number);
  }

  @Query(() => CampaignModel, { description: 'A campaign with each number and the summary.' })
  async campaign(
    @CurrentCaller() caller: Caller,
    @Args('id', { type: () => ID }) id: string,
  ): Promise<CampaignModel> {
    return this.campaigns.get(caller, id);
  }

  @Query(() => [CampaignModel], { description: 'Campaigns of the units you administer, newest first.' })
  async myCampaigns(@CurrentCaller() caller: Caller): Promise<CampaignModel[]> {
    return this.campaigns.mine(caller);
  }
}
