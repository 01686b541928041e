import { Args, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import type { SystemName } from '../../../../libs/contracts/systems';
import { PortalAction } from '../../../../libs/domain/permissions';
import { CurrentCaller } from '../auth/current-viewer.decorator';
import type { Caller } from '../auth/viewer';
import { PermissionService } from '../common/permission.service';
import { SelfAudited } from '../desk/self-audited.decorator';
import { RequestModel, SystemEnum } from '../requests/request.model';
import { RequestViewService } from '../requests/request-view.service';
import { ReconciliationReportModel, ReconciliationRunModel } from './reconciliation.models';
import { ReconciliationService } from './reconciliation.service';

/** Reconciliation for the service desk: compare the inventory with every system, then repair. */
@Resolver()
export class ReconciliationResolver {
  constructor(
    private readonly permissions: PermissionService,
    private readonly reconciliation: ReconciliationService,
    private readonly views: RequestViewService,
  ) {}

  @SelfAudited()
  @Mutation(() => ReconciliationRunModel, {
    description:
      'Starts comparing the inventory with the PBX, the phonebook, the network database and DHCP. One run at a time.',
  })
  async startReconciliation(
    @CurrentCaller() caller: Caller,
    @Args('pageSize', { type: () => Int, nullable: true, description: 'Resources read per page (1-5000).' })
    pageSize?: number,
  ): Promise<ReconciliationRunModel> {
    await this.permissions.require(PortalAction.RECONCILE, caller);
    return this.reconciliation.start(caller.actor, pageSize ?? undefined);
  }

  @Query(() => [ReconciliationRunModel], { description: 'The latest reconciliation runs, newest first.' })
  async reconciliationRuns(
    @CurrentCaller() caller: Caller,
    @Args('first', { type: () => Int, defaultValue: 10 }) first: number,
  ): Promise<ReconciliationRunModel[]> {
    await this.permissions.require(PortalAction.RECONCILE, caller);
    return this.reconciliation.runs(first);
  }

  @Query(() => ReconciliationReportModel, { description: "A run's state and its drift items, in pages." })
  async reconciliationReport(
    @CurrentCaller() caller: Caller,
    @Args('id', { type: () => ID }) id: string,
    @Args('first', { type: () => Int, defaultValue: 100 }) first: number,
    @Args('after', { nullable: true }) after?: string,
    @Args('system', { type: () => SystemEnum, nullable: true }) system?: SystemName,
  ): Promise<ReconciliationReportModel> {
    await this.permissions.require(PortalAction.RECONCILE, caller);
    return this.reconciliation.report(id, { first, after: after ?? undefined, system: system ?? undefined });
  }

  @Mutation(() => RequestModel, {
    description:
      'Starts a repair request for one drifted resource (a 5-digit number or a phone MAC): re-creates what the inventory expects and removes what it does not, undoing its own changes if a step fails.',
  })
  async repairDrift(
    @CurrentCaller() caller: Caller,
    @Args('resource') resource: string,
    @Args('runId', {
      type: () => ID,
      nullable: true,
      description: 'The run whose items to mark; the latest by default.',
    })
    runId?: string,
  ): Promise<RequestModel> {
    await this.permissions.require(PortalAction.RECONCILE, caller);
    const row = await this.reconciliation.repair(caller.actor, resource, runId ?? undefined);
    return this.views.accepted(row);
  }
}
