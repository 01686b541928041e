import { randomUUID } from 'node:crypto';
import type { Client } from '@temporalio/client';
import { In, type DataSource } from 'typeorm';
import {
  campaignWorkflowId,
  MIGRATION_CAMPAIGN,
  type CampaignInput,
  type CampaignItemInput,
} from '../contracts/campaigns';
import type { WorkflowSettings } from '../contracts/settings';
import { isSystemName, type SystemName } from '../contracts/systems';
import { DomainError, DomainErrorCode } from '../domain/domain-error';
import { CampaignItemStatus, CampaignStatus } from '../domain/campaign';
import { CampaignEntity, CampaignItemEntity, PersonEntity } from '../persistence/entities';
import { LegacyNumbers } from './migration-request';

export interface CampaignTiming {
  dayMs: number;
  startHour: number;
  reminderDays: number;
  retryWindowMs: number;
  continueAfterStarts: number;
}

export interface ScheduleCampaignCommand {
  unit: string;
  date: string;
  maxDate: string;
  ratePerMinute: number;
  systemRates?: Array<{ system: string; perMinute: number }>;
  reminderDaysBefore?: number;
  admin: string;
}

const DAY_MS = 86_400_000;
const UNIT = /^[A-Z0-9][A-Z0-9_-]{0,31}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
/**
 * The fastest an admin may ask a campaign to go, per system: 20 migrations a second. Issue 8 asks
 * for 10,000 numbers in 10 minutes, which needs at least 1,000 a minute; a site's own systems set
 * the real limit per campaign (systemRates).
 */
export const MAX_RATE_PER_MINUTE = 1200;
/** Campaign items per INSERT statement. */
const ITEM_INSERT_ROWS = 1000;
const ACTIVE_CAMPAIGN: readonly string[] = [
  CampaignStatus.SCHEDULED,
  CampaignStatus.RUNNING,
  CampaignStatus.PAUSED,
];

const invalid = (message: string) => new DomainError(DomainErrorCode.INVALID_INPUT, message);

/** Today's date (UTC), YYYY-MM-DD. */
export function todayUtc(now = new Date()): string {
  return now.toISOString().slice(0, 10);
}

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Checks a YYYY-MM-DD date typed by a person. */
export function parseDate(value: string, label: string): string {
  const text = value.trim();
  if (!DATE.test(text) || Number.isNaN(Date.parse(`${text}T00:00:00Z`)) || addDays(text, 0) !== text)
    throw invalid(
      `${label}: "${text.slice(0, 20)}" is not a date; use YYYY-MM-DD, e.g. ${addDays(todayUtc(), 7)}`,
    );
  return text;
}

/**
 * When a campaign date begins for its workflow. With real days, at the start hour (UTC) of that
 * date; with shrunk days (tests, demos), "today" is now and each day is `dayMs` long.
 */
export function startTimeOf(date: string, timing: CampaignTiming, now = new Date()): Date {
  if (timing.dayMs === DAY_MS)
    return new Date(Date.parse(`${date}T00:00:00Z`) + timing.startHour * 3_600_000);
  const days = Math.round(
    (Date.parse(`${date}T00:00:00Z`) - Date.parse(`${todayUtc(now)}T00:00:00Z`)) / DAY_MS,
  );
  return new Date(now.getTime() + days * timing.dayMs);
}

/** Schedules a unit's campaign: checks the request, records it with its items, starts its workflow. */
export class CampaignScheduler {
  private readonly legacyNumbers: LegacyNumbers;

  constructor(
    private readonly dataSource: DataSource,
    private readonly client: Client,
    private readonly options: {
      taskQueue: string;
      settings: WorkflowSettings;
      timing: CampaignTiming;
      firstBootTimeoutMs: number;
    },
  ) {
    this.legacyNumbers = new LegacyNumbers(dataSource);
  }

  /** Checks the unit name a person typed. */
  static parseUnit(value: string): string {
    const unit = value.trim().toUpperCase();
    if (!UNIT.test(unit))
      throw invalid(`Unit: "${value.slice(0, 40)}" is not a unit name, e.g. IT or EP-ADE`);
    return unit;
  }

  async schedule(command: ScheduleCampaignCommand): Promise<CampaignEntity> {
    const unit = CampaignScheduler.parseUnit(command.unit);
    const date = parseDate(command.date, 'Date');
    const maxDate = parseDate(command.maxDate, 'Maximum date');
    const tomorrow = addDays(todayUtc(), 1);
    if (date < tomorrow) throw invalid(`Date: a campaign starts tomorrow (${tomorrow}) at the earliest.`);
    if (maxDate < date) throw invalid(`Maximum date: it must be on or after the campaign date ${date}.`);
    if (maxDate > addDays(date, 366)) throw invalid('Maximum date: at most a year after the campaign date.');
    const systemRates = this.parseRates(command);
    const reminderDays = command.reminderDaysBefore ?? this.options.timing.reminderDays;
    if (!Number.isInteger(reminderDays) || reminderDays < 0 || reminderDays > 60)
      throw invalid('Reminder: give a whole number of days between 0 and 60.');

    const running = await this.dataSource
      .getRepository(CampaignEntity)
      .findOneBy({ unit, status: In([...ACTIVE_CAMPAIGN]) });
    if (running) {
      throw new DomainError(
        DomainErrorCode.CONFLICT,
        `Unit ${unit} already has a campaign (${running.id}, ${running.status}, on ${running.scheduledFor}). Cancel it or wait until it ends.`,
      );
    }
    const items = await this.itemsFor(unit);
    if (items.length === 0) {
      throw new DomainError(
        DomainErrorCode.NOT_FOUND,
        `Nobody in unit ${unit} has a legacy number left to migrate (or each one is in another campaign).`,
      );
    }

    const id = randomUUID();
    const workflowId = campaignWorkflowId(id);
    const startsAt = startTimeOf(date, this.options.timing);
    const campaign = await this.dataSource.transaction(async (manager) => {
      const row = await manager.getRepository(CampaignEntity).save({
        id,
        unit,
        scheduledFor: date,
        maxDate,
        ratePerMinute: command.ratePerMinute,
        systemRates: Object.keys(systemRates).length > 0 ? systemRates : null,
        reminderDaysBefore: reminderDays,
        status: CampaignStatus.SCHEDULED,
        createdBy: command.admin,
        workflowId,
        startsAt,
        summary: null,
        startedAt: null,
        finishedAt: null,
      });
      const rows = items.map((item): Partial<CampaignItemEntity> => ({
        campaignId: id,
        number: item.number,
        login: item.login,
        service: item.service,
        migrateAs: null,
        scheduledFor: date,
        status: CampaignItemStatus.PENDING,
        requestId: null,
        attempts: 0,
        outcome: null,
        startedAt: null,
        finishedAt: null,
      }));
      // PostgreSQL binds at most 65,535 parameters per statement: 10,000 items of 13 columns need
      // several INSERTs.
      for (let i = 0; i < rows.length; i += ITEM_INSERT_ROWS)
        await manager.getRepository(CampaignItemEntity).insert(rows.slice(i, i + ITEM_INSERT_ROWS));
      return row;
    });
    const input: CampaignInput = {
      campaignId: id,
      unit,
      admin: command.admin,
      scheduledFor: date,
      maxDate,
      startsAt: startsAt.toISOString(),
      dayMs: this.options.timing.dayMs,
      reminderDaysBefore: reminderDays,
      ratePerMinute: command.ratePerMinute,
      systemRates,
      retryWindowMs: this.options.timing.retryWindowMs,
      continueAfterStarts: this.options.timing.continueAfterStarts,
      items,
      settings: this.options.settings,
      firstBootTimeoutMs: this.options.firstBootTimeoutMs,
    };
    try {
      await this.client.workflow.start(MIGRATION_CAMPAIGN, {
        taskQueue: this.options.taskQueue,
        workflowId,
        args: [input],
      });
    } catch (error) {
      await this.dataSource.getRepository(CampaignItemEntity).delete({ campaignId: id });
      await this.dataSource.getRepository(CampaignEntity).delete({ id });
      throw error;
    }
    return campaign;
  }

  private parseRates(command: ScheduleCampaignCommand): Partial<Record<SystemName, number>> {
    const check = (rate: number, label: string) => {
      if (!Number.isInteger(rate) || rate < 1 || rate > MAX_RATE_PER_MINUTE)
        throw invalid(
          `${label}: give a whole number of migrations per minute from 1 to ${MAX_RATE_PER_MINUTE}.`,
        );
    };
    check(command.ratePerMinute, 'Rate');
    const rates: Partial<Record<SystemName, number>> = {};
    for (const { system, perMinute } of command.systemRates ?? []) {
      const name = system.trim().toLowerCase();
      if (!isSystemName(name)) throw invalid(`Rate: "${system.slice(0, 20)}" is not a system.`);
      check(perMinute, `Rate for ${name}`);
      rates[name] = perMinute;
    }
    return rates;
  }

  /**
   * The unit's people's numbers still on a legacy service, each under the first of the unit's
   * people it is listed under; numbers already in another active campaign are left out.
   */
  private async itemsFor(unit: string): Promise<CampaignItemInput[]> {
    const people = await this.dataSource.getRepository(PersonEntity).findBy({ unit });
    const logins = people.map((p) => p.login);
    const legacy = await this.legacyNumbers.stillLegacyFor(logins);
    if (legacy.length === 0) return [];
    const busy = await this.dataSource
      .getRepository(CampaignItemEntity)
      .createQueryBuilder('i')
      .innerJoin(CampaignEntity, 'c', 'c.id = i."campaignId"')
      .where('i.number IN (:...numbers)', { numbers: legacy.map((l) => l.number) })
      .andWhere('c.status IN (:...active)', { active: ACTIVE_CAMPAIGN })
      .getMany();
    return legacy
      .filter((l) => !busy.some((b) => b.number === l.number))
      .map((l) => ({
        number: l.number,
        login: l.listedUnder.find((login) => logins.includes(login))!,
        service: l.service,
        movesPhone: l.service !== 'ANALOGUE' && l.phone?.compatible === 'YES',
      }));
  }
}
