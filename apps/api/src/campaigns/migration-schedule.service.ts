import { Injectable } from '@nestjs/common';
import { AuditLog } from '../../../../libs/audit/audit-log';
import { migrateCampaignItemNowUpdate, moveCampaignItemUpdate } from '../../../../libs/contracts/campaigns';
import { DomainError, DomainErrorCode } from '../../../../libs/domain/domain-error';
import { PortalAction } from '../../../../libs/domain/permissions';
import { parseExtension } from '../../../../libs/domain/text-input';
import { addDays, parseDate, todayUtc } from '../../../../libs/legacy/campaign-scheduler';
import { CampaignStatus } from '../../../../libs/domain/campaign';
import type {
  CampaignEntity,
  CampaignItemEntity,
  RequestEntity,
} from '../../../../libs/persistence/entities';
import { RequestStore } from '../../../../libs/requests/request-store';
import { CampaignQueries } from '../../../../libs/systems/inventory/campaign-queries';
import type { Caller } from '../auth/viewer';
import { PermissionService } from '../common/permission.service';
import { TemporalClientHolder } from '../../../../libs/temporal/temporal-client.provider';
import type { ScheduledMigrationModel } from './campaign.model';
import { sendCampaignUpdate } from './campaign-updates';

const OPEN: readonly string[] = [CampaignStatus.SCHEDULED, CampaignStatus.RUNNING, CampaignStatus.PAUSED];

/** People's side of the campaigns: when their numbers move, and changing that. */
@Injectable()
export class MigrationScheduleService {
  constructor(
    private readonly campaigns: CampaignQueries,
    private readonly temporal: TemporalClientHolder,
    private readonly permissions: PermissionService,
    private readonly requests: RequestStore,
    private readonly audit: AuditLog,
  ) {}

  async scheduleOf(caller: Caller): Promise<ScheduledMigrationModel[]> {
    const items = await this.campaigns.itemsFor(caller.login);
    if (items.length === 0) return [];
    const campaigns = await this.campaigns.findMany([...new Set(items.map((i) => i.campaignId))]);
    return items
      .map((item) => ({ item, campaign: campaigns.find((c) => c.id === item.campaignId)! }))
      .sort((a, b) => b.campaign.createdAt.getTime() - a.campaign.createdAt.getTime())
      .map(({ item, campaign }) => toScheduled(item, campaign));
  }

  async move(caller: Caller, number: string, date: string): Promise<ScheduledMigrationModel> {
    const { item, campaign } = await this.requireOwnItem(caller, number);
    const day = parseDate(date, 'Date');
    const earliest = addDays(todayUtc(), 1);
    if (day < earliest || day > campaign.maxDate) {
      throw new DomainError(
        DomainErrorCode.INVALID_INPUT,
        `Date: choose a day from ${earliest} to ${campaign.maxDate}.`,
      );
    }
    await sendCampaignUpdate(this.temporal.client, campaign.workflowId, moveCampaignItemUpdate, {
      actor: caller.actor,
      number: item.number,
      date: day,
    });
    await this.auditAction(caller, 'MOVE_MIGRATION', item.number, `moved to ${day}`);
    return toScheduled(await this.reload(item), campaign);
  }

  async migrateNow(caller: Caller, number: string): Promise<RequestEntity> {
    const { item, campaign } = await this.requireOwnItem(caller, number);
    const started = await sendCampaignUpdate(
      this.temporal.client,
      campaign.workflowId,
      migrateCampaignItemNowUpdate,
      { actor: caller.actor, number: item.number },
    );
    const request = started.requestId ? await this.requests.find(started.requestId) : null;
    if (started.status !== 'RUNNING' || !request) {
      const code = started.status === 'SKIPPED' ? DomainErrorCode.INVALID_STATE : DomainErrorCode.CONFLICT;
      throw new DomainError(
        code,
        `${item.number} could not be migrated now: ${started.outcome ?? started.status}`,
      );
    }
    await this.auditAction(caller, 'MIGRATE_NOW', item.number, 'migrate now', request.id);
    return request;
  }

  /** The caller's item for this number in an open campaign; someone else's is NOT_OWNER. */
  private async requireOwnItem(
    caller: Caller,
    number: string,
  ): Promise<{ item: CampaignItemEntity; campaign: CampaignEntity }> {
    const extension = parseExtension(number);
    await this.permissions.require(PortalAction.MIGRATE_LEGACY, caller);
    const items = await this.campaigns.itemsOfNumber(extension);
    const campaigns = items.length
      ? await this.campaigns.findMany(
          items.map((i) => i.campaignId),
          OPEN,
        )
      : [];
    const item = items.find((i) => campaigns.some((c) => c.id === i.campaignId));
    if (!item) {
      throw new DomainError(
        DomainErrorCode.NOT_FOUND,
        `${extension} is not scheduled in any open migration campaign. Migrate it from your legacy numbers instead.`,
      );
    }
    if (item.login !== caller.login) {
      throw new DomainError(
        DomainErrorCode.NOT_OWNER,
        `${extension} is scheduled for ${item.login}, not for you: only they (or the service desk) can change it.`,
      );
    }
    return { item, campaign: campaigns.find((c) => c.id === item.campaignId)! };
  }

  private async reload(item: CampaignItemEntity): Promise<CampaignItemEntity> {
    return this.campaigns.item(item.campaignId, item.number);
  }

  /** Audits what the desk does for someone, and every request started (a person's own too). */
  private async auditAction(
    caller: Caller,
    action: string,
    number: string,
    reason: string,
    requestId?: string,
  ): Promise<void> {
    if (!caller.onBehalf && !requestId) return;
    await this.audit.record({
      actor: caller.actor,
      onBehalfOf: caller.onBehalf ? caller.login : null,
      action,
      requestId: requestId ?? null,
      target: number,
      result: 'OK',
      reason,
    });
  }
}

function toScheduled(item: CampaignItemEntity, campaign: CampaignEntity): ScheduledMigrationModel {
  return {
    campaignId: campaign.id,
    unit: campaign.unit,
    number: item.number,
    service: item.service,
    status: item.status,
    scheduledFor: item.scheduledFor,
    campaignDate: campaign.scheduledFor,
    earliestDate: addDays(todayUtc(), 1),
    maxDate: campaign.maxDate,
    canChange: item.status === 'PENDING' && OPEN.includes(campaign.status),
    requestId: item.requestId ?? undefined,
    outcome: item.outcome ?? undefined,
  };
}
