import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import type { MigrationTarget } from '../../../../libs/contracts/legacy-migration';
import { CurrentCaller } from '../auth/current-viewer.decorator';
import type { Caller } from '../auth/viewer';
import { SelfAudited } from '../desk/self-audited.decorator';
import { RequestModel } from '../requests/request.model';
import { RequestViewService } from '../requests/request-view.service';
import { LegacyNumberModel, MigrationTargetEnum } from './legacy-number.model';
import { LegacyMigrationService } from './legacy-migration.service';

// Its services write the audit themselves, with the MAC or number: every request started, and the
// desk's on-behalf actions, refusals included.
@SelfAudited()
@Resolver()
export class LegacyResolver {
  constructor(
    private readonly legacy: LegacyMigrationService,
    private readonly views: RequestViewService,
  ) {}

  @Query(() => [LegacyNumberModel], {
    description:
      'The legacy numbers the phonebook lists under you, with their service, phone and how you may migrate each.',
  })
  async myLegacyNumbers(@CurrentCaller() caller: Caller): Promise<LegacyNumberModel[]> {
    return this.legacy.listFor(caller);
  }

  @Mutation(() => RequestModel, {
    description:
      'Migrates a legacy number to the new service as personal or shared (shared needs a description; managers are optional). Returns the accepted request at once.',
  })
  async migrateLegacyNumber(
    @CurrentCaller() caller: Caller,
    @Args('number') number: string,
    @Args('as', { type: () => MigrationTargetEnum }) as: MigrationTarget,
    @Args('description', { type: () => String, nullable: true }) description: string | null,
    @Args('managers', { type: () => [String], nullable: true }) managers: string[] | null,
  ): Promise<RequestModel> {
    const row = await this.legacy.migrate(caller, {
      number,
      as,
      description: description ?? null,
      managers: managers ?? [],
    });
    return this.views.accepted(row);
  }
}
