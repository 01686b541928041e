import { In, type DataSource } from 'typeorm';
import type { CampaignProgress, PrepareItemCommand, PreparedItem } from '../contracts/campaigns';
import { migrationKind, migrationWorkflowFor, type MigrationTarget } from '../contracts/legacy-migration';
import { workflowIds } from '../contracts/workflow-ids';
import { DomainErrorCode, isDomainError } from '../domain/domain-error';
import type { EligibilityPolicy } from '../domain/eligibility';
import { NumberState } from '../domain/number-state';
import { cleanText, TextField } from '../domain/text-input';
import type { CampaignSummary } from '../domain/campaign';
import { CampaignEntity, CampaignItemEntity, RequestEntity } from '../persistence/entities';
import { isTerminalStatus } from '../contracts/request-status';
import type { RequestStore } from '../requests/request-store';
import type { ResourceLocks } from '../requests/resource-locks';
import type { DirectoryPort } from '../systems/directory/directory.port';
import { LegacyMigrationPlanner } from './migration-planner';
import { LegacyNumbers, migrationInput, migrationLocks, type LegacyNumberView } from './migration-request';

/** Refusals after which the item has nothing left to do, as opposed to a failure worth retrying. */
const SKIPPING: readonly string[] = [
  DomainErrorCode.NOT_ELIGIBLE,
  DomainErrorCode.UNKNOWN_PERSON,
  DomainErrorCode.NOT_OWNER,
];

/**
 * The campaign workflow's side in Switchboard's database: preparing an item (rules, locks, request
 * row) before its migration starts as a child workflow, and the campaign projection.
 */
export class CampaignStore {
  private readonly planner: LegacyMigrationPlanner;
  private readonly legacyNumbers: LegacyNumbers;

  constructor(
    private readonly dataSource: DataSource,
    private readonly directory: DirectoryPort,
    private readonly locks: ResourceLocks,
    private readonly requests: RequestStore,
    options: { eligibility: EligibilityPolicy; firstBootTimeoutMs: number },
  ) {
    this.planner = new LegacyMigrationPlanner(dataSource, directory, options);
    this.legacyNumbers = new LegacyNumbers(dataSource);
  }

  /**
   * Personal when the person may have it as personal, else shared under the legacy description
   * with the other people it was listed under as managers (docs/domain.md §3 legacy rule).
   */
  async prepareItem(command: PrepareItemCommand): Promise<PreparedItem> {
    const legacy = await this.legacyNumbers.find(command.number);
    if (!legacy) return { outcome: 'skip', reason: `${command.number} is no longer a legacy number` };
    if (legacy.state === NumberState.MIGRATING)
      return { outcome: 'skip', reason: `${command.number} is being migrated by another request` };
    if (legacy.state !== NumberState.LEGACY)
      return { outcome: 'skip', reason: `${command.number} was already migrated (it is ${legacy.state})` };

    const options = await this.planner.optionsFor(legacy, command.login);
    const as: MigrationTarget | null = options.personal.allowed
      ? 'PERSONAL'
      : options.shared.allowed
        ? 'SHARED'
        : null;
    const refusal = options.shared;
    if (!as) return { outcome: 'skip', reason: refusal.allowed ? 'not allowed' : refusal.reason };

    let plan;
    try {
      plan = await this.planner.plan({
        number: command.number,
        as,
        requester: command.login,
        actor: command.admin,
        description: as === 'SHARED' ? sharedDescription(legacy) : null,
        managers: as === 'SHARED' ? await this.otherListedPeople(legacy, command.login) : [],
      });
    } catch (error) {
      if (!isDomainError(error)) throw error;
      return { outcome: SKIPPING.includes(error.code) ? 'skip' : 'fail', reason: error.message };
    }

    const workflowId = workflowIds.number(command.number);
    const { requestId } = command;
    const lock = await this.locks.acquire(migrationLocks(plan), requestId, workflowId);
    if (!lock.acquired && lock.heldBy.requestId !== requestId) {
      return {
        outcome: 'fail',
        reason: `Another request (${lock.heldBy.requestId}) is working on ${lock.heldBy.resource}; retry once it has finished.`,
      };
    }
    await this.requests.createIfAbsent({
      id: requestId,
      kind: migrationKind(legacy.service, as),
      workflowId,
      requester: command.login,
      actor: command.admin,
      subject: command.number,
    });
    return {
      outcome: 'start',
      as,
      requestId,
      workflowType: migrationWorkflowFor(legacy.service),
      workflowId,
      input: migrationInput(plan, {
        requestId,
        requester: command.login,
        actor: command.admin,
        settings: command.settings,
      }),
    };
  }

  /** The child could not start: give back its locks and forget its request. */
  async abandonItem(requestId: string): Promise<void> {
    await this.locks.release(requestId);
    await this.requests.delete(requestId);
  }

  /**
   * How the given child requests ended, for those that have: their projection row is written last,
   * when the child workflow finishes (workflows/kit/request-run.ts). Still running ones are left out.
   */
  async finishedRequests(
    requestIds: readonly string[],
  ): Promise<Array<{ requestId: string; status: string; failureReason: string | null }>> {
    if (requestIds.length === 0) return [];
    const rows = await this.dataSource.getRepository(RequestEntity).find({
      select: { id: true, status: true, failureReason: true },
      where: { id: In([...requestIds]) },
    });
    return rows
      .filter((row) => isTerminalStatus(row.status))
      .map((row) => ({ requestId: row.id, status: row.status, failureReason: row.failureReason }));
  }

  /** Writes the campaign's state and the items that changed. Idempotent. */
  async record(change: { campaign: CampaignProgress; counts: CampaignSummary }): Promise<void> {
    const { campaign } = change;
    await this.dataSource.transaction(async (manager) => {
      await manager.getRepository(CampaignEntity).update(
        { id: campaign.campaignId },
        {
          status: campaign.status,
          summary: change.counts,
          startedAt: campaign.startedAt ? new Date(campaign.startedAt) : null,
          finishedAt: campaign.finishedAt ? new Date(campaign.finishedAt) : null,
        },
      );
      for (const item of campaign.items) {
        await manager.getRepository(CampaignItemEntity).update(
          { campaignId: campaign.campaignId, number: item.number },
          {
            status: item.status,
            scheduledFor: item.date,
            migrateAs: item.as ?? null,
            requestId: item.requestId ?? null,
            attempts: item.attempts,
            outcome: item.outcome?.slice(0, 1000) ?? null,
            startedAt: item.startedAt ? new Date(item.startedAt) : null,
            finishedAt: item.finishedAt ? new Date(item.finishedAt) : null,
          },
        );
      }
    });
  }

  private async otherListedPeople(legacy: LegacyNumberView, owner: string): Promise<string[]> {
    const others: string[] = [];
    for (const login of legacy.listedUnder) {
      if (login !== owner && (await this.directory.findPerson(login))) others.push(login);
    }
    return others;
  }
}

/** The legacy description, when it is fit for the phonebook; otherwise a plain one. */
function sharedDescription(legacy: LegacyNumberView): string {
  try {
    return cleanText(legacy.description ?? '', TextField.DESCRIPTION);
  } catch {
    return `Shared number ${legacy.number}`;
  }
}
