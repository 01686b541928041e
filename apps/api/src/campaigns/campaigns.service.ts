import { Injectable } from '@nestjs/common';
import { AuditLog } from '../../../../libs/audit/audit-log';
import {
  cancelCampaignUpdate,
  pauseCampaignUpdate,
  resumeCampaignUpdate,
  retryCampaignItemUpdate,
} from '../../../../libs/contracts/campaigns';
import { DomainError, DomainErrorCode } from '../../../../libs/domain/domain-error';
import { PortalAction } from '../../../../libs/domain/permissions';
import { cleanText, parseExtension, TextField } from '../../../../libs/domain/text-input';
import { CampaignScheduler, type ScheduleCampaignCommand } from '../../../../libs/legacy/campaign-scheduler';
import type { CampaignEntity, CampaignItemEntity } from '../../../../libs/persistence/entities';
import { CampaignQueries } from '../../../../libs/systems/inventory/campaign-queries';
import type { Caller } from '../auth/viewer';
import { PermissionService } from '../common/permission.service';
import { TemporalClientHolder } from '../../../../libs/temporal/temporal-client.provider';
import type { CampaignModel } from './campaign.model';
import { sendCampaignUpdate } from './campaign-updates';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const EMPTY_SUMMARY = { total: 0, succeeded: 0, failed: 0, skipped: 0, cancelled: 0, pending: 0, running: 0 };

/** Campaigns for unit admins and the service desk: schedule, steer, look at. */
@Injectable()
export class CampaignsService {
  constructor(
    private readonly campaigns: CampaignQueries,
    private readonly scheduler: CampaignScheduler,
    private readonly temporal: TemporalClientHolder,
    private readonly permissions: PermissionService,
    private readonly audit: AuditLog,
  ) {}

  async schedule(caller: Caller, command: Omit<ScheduleCampaignCommand, 'admin'>): Promise<CampaignModel> {
    const unit = CampaignScheduler.parseUnit(command.unit);
    await this.permissions.require(PortalAction.SCHEDULE_CAMPAIGN, caller, { kind: 'unit', unit });
    const campaign = await this.scheduler.schedule({ ...command, unit, admin: caller.login });
    await this.record(caller, 'SCHEDULE_CAMPAIGN', campaign.id, `unit ${unit} on ${campaign.scheduledFor}`);
    return this.get(caller, campaign.id);
  }

  async pause(caller: Caller, id: string, reason: string | null): Promise<CampaignModel> {
    const campaign = await this.requireAdmin(caller, id);
    const why = reason === null ? undefined : cleanText(reason, TextField.REASON);
    await sendCampaignUpdate(this.temporal.client, campaign.workflowId, pauseCampaignUpdate, {
      actor: caller.actor,
      reason: why,
    });
    await this.record(caller, 'PAUSE_CAMPAIGN', id, why);
    return this.get(caller, id);
  }

  async resume(caller: Caller, id: string): Promise<CampaignModel> {
    const campaign = await this.requireAdmin(caller, id);
    await sendCampaignUpdate(this.temporal.client, campaign.workflowId, resumeCampaignUpdate, {
      actor: caller.actor,
    });
    await this.record(caller, 'RESUME_CAMPAIGN', id);
    return this.get(caller, id);
  }

  async cancel(caller: Caller, id: string, reason: string): Promise<CampaignModel> {
    const campaign = await this.requireAdmin(caller, id);
    const why = cleanText(reason, TextField.REASON);
    await sendCampaignUpdate(this.temporal.client, campaign.workflowId, cancelCampaignUpdate, {
      actor: caller.actor,
      reason: why,
    });
    await this.record(caller, 'CANCEL_CAMPAIGN', id, why);
    return this.get(caller, id);
  }

  async retryItem(caller: Caller, id: string, number: string): Promise<CampaignModel> {
    const campaign = await this.requireAdmin(caller, id);
    const extension = parseExtension(number);
    await sendCampaignUpdate(this.temporal.client, campaign.workflowId, retryCampaignItemUpdate, {
      actor: caller.actor,
      number: extension,
    });
    await this.record(caller, 'RETRY_CAMPAIGN_ITEM', id, `retry ${extension}`);
    return this.get(caller, id);
  }

  async get(caller: Caller, id: string): Promise<CampaignModel> {
    const campaign = await this.requireAdmin(caller, id);
    const items = await this.campaigns.itemsOf([id]);
    return toModel(campaign, items);
  }

  /** Campaigns of the units the caller administers (every campaign, for the service desk). */
  async mine(caller: Caller): Promise<CampaignModel[]> {
    const campaigns = caller.isServiceDesk
      ? await this.campaigns.newest(50)
      : caller.unitAdminOf.length === 0
        ? []
        : await this.campaigns.newest(50, caller.unitAdminOf);
    if (campaigns.length === 0) return [];
    const items = await this.campaigns.itemsOf(campaigns.map((c) => c.id));
    return campaigns.map((c) =>
      toModel(
        c,
        items.filter((i) => i.campaignId === c.id),
      ),
    );
  }

  private async requireAdmin(caller: Caller, id: string): Promise<CampaignEntity> {
    const notFound = new DomainError(
      DomainErrorCode.NOT_FOUND,
      `There is no campaign ${id.slice(0, 64)}. List campaigns with myCampaigns.`,
    );
    if (!UUID.test(id)) throw notFound;
    const campaign = await this.campaigns.find(id);
    if (!campaign) throw notFound;
    await this.permissions.require(PortalAction.SCHEDULE_CAMPAIGN, caller, {
      kind: 'unit',
      unit: campaign.unit,
    });
    return campaign;
  }

  /** Every campaign action is audited, with who acted and for whom. */
  private async record(caller: Caller, action: string, campaignId: string, reason?: string): Promise<void> {
    await this.audit.record({
      actor: caller.actor,
      onBehalfOf: caller.onBehalf ? caller.login : null,
      action,
      target: campaignId,
      result: 'OK',
      reason: reason ?? null,
    });
  }
}

export function toModel(campaign: CampaignEntity, items: CampaignItemEntity[]): CampaignModel {
  return {
    id: campaign.id,
    unit: campaign.unit,
    status: campaign.status,
    scheduledFor: campaign.scheduledFor,
    maxDate: campaign.maxDate,
    ratePerMinute: campaign.ratePerMinute,
    systemRates: Object.entries(campaign.systemRates ?? {}).map(([system, perMinute]) => ({
      system,
      perMinute,
    })),
    reminderDaysBefore: campaign.reminderDaysBefore,
    createdBy: campaign.createdBy,
    startsAt: campaign.startsAt,
    startedAt: campaign.startedAt ?? undefined,
    finishedAt: campaign.finishedAt ?? undefined,
    summary: campaign.summary ?? { ...EMPTY_SUMMARY, total: items.length, pending: items.length },
    items: items.map((i) => ({
      number: i.number,
      login: i.login,
      service: i.service,
      migrateAs: i.migrateAs ?? undefined,
      scheduledFor: i.scheduledFor,
      status: i.status,
      requestId: i.requestId ?? undefined,
      attempts: i.attempts,
      outcome: i.outcome ?? undefined,
      startedAt: i.startedAt ?? undefined,
      finishedAt: i.finishedAt ?? undefined,
    })),
  };
}
