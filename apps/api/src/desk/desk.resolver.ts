import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { ResolveAction } from '../../../../libs/contracts/progress';
import { DomainError, DomainErrorCode } from '../../../../libs/domain/domain-error';
import { PortalAction } from '../../../../libs/domain/permissions';
import { AuditLog } from '../../../../libs/audit/audit-log';
import { CurrentCaller } from '../auth/current-viewer.decorator';
import type { Caller } from '../auth/viewer';
import { PermissionService } from '../common/permission.service';
import { RequestModel } from '../requests/request.model';
import { RequestViewService } from '../requests/request-view.service';
import { DeskRequestsArgs, StuckRequestsArgs } from './dto/desk-requests.args';
import { AuditEntryModel, RequestPageModel } from './desk.models';
import { DeskQueueService } from './desk-queue.service';
import { RequestControlService } from './request-control.service';
import { SelfAudited } from './self-audited.decorator';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The service-desk console: every request, the parked ones, their audit trail, and decisions on them. */
@Resolver()
export class DeskResolver {
  constructor(
    private readonly permissions: PermissionService,
    private readonly queue: DeskQueueService,
    private readonly control: RequestControlService,
    private readonly views: RequestViewService,
    private readonly audit: AuditLog,
  ) {}

  @Query(() => RequestPageModel, {
    description: 'Every request, newest first, as last recorded (service desk only).',
  })
  async deskRequests(
    @CurrentCaller() caller: Caller,
    @Args() args: DeskRequestsArgs,
  ): Promise<RequestPageModel> {
    await this.permissions.require(PortalAction.VIEW_DESK_QUEUE, caller);
    return this.queue.page(args.filter ?? {}, args.first, args.after);
  }

  @Query(() => [RequestModel], {
    description:
      'Requests parked for a decision (NEEDS_ATTENTION), with their live timeline, longest waiting first (service desk only).',
  })
  async stuckRequests(
    @CurrentCaller() caller: Caller,
    @Args() args: StuckRequestsArgs,
  ): Promise<RequestModel[]> {
    await this.permissions.require(PortalAction.VIEW_DESK_QUEUE, caller);
    return this.queue.stuck(args.system, args.requester);
  }

  @Query(() => [AuditEntryModel], {
    description: "A request's audit trail, oldest first (service desk only).",
  })
  async requestAudit(
    @CurrentCaller() caller: Caller,
    @Args('requestId', { type: () => ID }) requestId: string,
  ): Promise<AuditEntryModel[]> {
    await this.permissions.require(PortalAction.VIEW_DESK_QUEUE, caller);
    if (!UUID.test(requestId))
      throw new DomainError(DomainErrorCode.NOT_FOUND, `There is no request ${requestId.slice(0, 64)}.`);
    const entries = await this.audit.forRequest(requestId);
    return entries.map((e) => ({
      ...e,
      onBehalfOf: e.onBehalfOf ?? undefined,
      requestId: e.requestId ?? undefined,
      system: e.system ?? undefined,
      target: e.target ?? undefined,
      reason: e.reason ?? undefined,
      detail: e.detail ?? undefined,
    }));
  }

  @SelfAudited()
  @Mutation(() => RequestModel, {
    description:
      'Decides on a parked request: RETRY the step, COMPENSATE (undo what was done) or SKIP a skippable step. The reason is required and audited.',
  })
  async resolveRequest(
    @CurrentCaller() caller: Caller,
    @Args('id', { type: () => ID }) id: string,
    @Args('action', { type: () => ResolveAction }) action: ResolveAction,
    @Args('reason') reason: string,
  ): Promise<RequestModel> {
    const row = await this.control.resolve(caller, id, action, reason);
    return this.views.view(row);
  }
}
