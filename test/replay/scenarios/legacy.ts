import type { WorkflowHandle } from '@temporalio/client';
import {
  cancelCampaignUpdate,
  MIGRATION_CAMPAIGN,
  pauseCampaignUpdate,
  resumeCampaignUpdate,
  retryCampaignItemUpdate,
} from '../../../libs/contracts/campaigns';
import {
  MIGRATE_FROM_ANALOGUE,
  MIGRATE_FROM_SKYPE,
  type MigrationTarget,
} from '../../../libs/contracts/legacy-migration';
import { addDays, todayUtc } from '../../../libs/legacy/campaign-scheduler';
import type { LegacyLineConfig } from '../../../libs/systems/legacy/legacy.port';
import { campaignScheduler, waitForCampaign } from '../../support/campaign-helpers';
import { seedPerson } from '../../support/factories';
import {
  requestMigration,
  seedLegacyNumber,
  seedUnitPerson,
  uniqueUnit,
  type LegacySeed,
} from '../../support/legacy-factories';
import { bootWhenPending, randomMac } from '../../support/phone-fixtures';
import type { World } from '../../support/world';
import { finished, type ReplayScenario } from './scenario';

/** A legacy number listed under a person (and a colleague when it becomes shared), then its migration. */
async function migration(
  world: World,
  service: LegacyLineConfig['service'],
  as: MigrationTarget,
  phone: LegacySeed['phone'] = null,
) {
  const person = await seedPerson(world.sandbox);
  const colleague = await seedPerson(world.sandbox);
  const shared = as === 'SHARED';
  const number = await seedLegacyNumber(world.dataSource, world.sandbox, {
    service,
    listedUnder: shared ? [person.login, colleague.login] : [person.login],
    description: shared ? 'Lab 2 bench phone' : person.displayName,
    phone,
  });
  return requestMigration(world, {
    number,
    as,
    login: person.login,
    ...(shared ? { description: 'Lab 2 bench phone', managers: [colleague.login] } : {}),
  });
}

/**
 * A unit with an admin and people with legacy numbers (Skype and analogue in turn); the campaign over
 * it, starting tomorrow. Two numbers stay in one run; four make it continue as new (the recorder's
 * CAMPAIGN_CONTINUE_AFTER_STARTS is 3).
 */
async function campaignOfUnit(world: World, numbers = 2) {
  const unit = uniqueUnit();
  const seed = () => seedUnitPerson(world.dataSource, world.sandbox, unit);
  const admin = await seed();
  for (let i = 0; i < numbers; i += 1) {
    const person = await seed();
    await seedLegacyNumber(world.dataSource, world.sandbox, {
      service: i % 2 === 0 ? 'SKYPE' : 'ANALOGUE',
      listedUnder: [person.login],
    });
  }
  const campaign = await campaignScheduler(world).schedule({
    unit,
    date: addDays(todayUtc(), 1),
    maxDate: addDays(todayUtc(), 5),
    ratePerMinute: 600,
    admin: admin.login,
  });
  return { admin, handle: world.client.workflow.getHandle(campaign.workflowId) };
}

/** The runs of a campaign that continued as new, oldest first (visibility lists them eventually). */
async function runsOf(world: World, workflowId: string, atLeast: number): Promise<WorkflowHandle[]> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const runs: Array<{ runId: string; at: number }> = [];
    for await (const run of world.client.workflow.list({ query: `WorkflowId = '${workflowId}'` }))
      runs.push({ runId: run.runId, at: run.startTime.getTime() });
    if (runs.length >= atLeast)
      return runs
        .sort((a, b) => a.at - b.at)
        .map(({ runId }) => world.client.workflow.getHandle(workflowId, runId));
    if (Date.now() > deadline) throw new Error(`${workflowId} has ${runs.length} runs, not ${atLeast}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** A campaign of four numbers, to its end: its first run continued as new after three starts. */
async function continuedCampaign(world: World): Promise<WorkflowHandle[]> {
  const { handle } = await campaignOfUnit(world, 4);
  await handle.result();
  return runsOf(world, handle.workflowId, 2);
}

/** Legacy migrations (Skype, analogue; personal, shared) and the bulk campaign over a unit. */
export const LEGACY_SCENARIOS: readonly ReplayScenario[] = [
  {
    workflowType: MIGRATE_FROM_SKYPE,
    name: 'personal-with-phone-child',
    expectedStatus: 'COMPLETED',
    run: async (world) => {
      const mac = randomMac();
      const request = await migration(world, 'SKYPE', 'PERSONAL', { modelId: 'polycom-vvx-450', mac });
      // The child registration ends up waiting for the phone's first boot, and stays so until it boots.
      await bootWhenPending(world, mac);
      return finished(world, request);
    },
  },
  {
    workflowType: MIGRATE_FROM_SKYPE,
    name: 'shared-incompatible-phone',
    expectedStatus: 'COMPLETED',
    run: async (world) =>
      finished(world, await migration(world, 'SKYPE', 'SHARED', { modelId: 'cisco-7940', mac: randomMac() })),
  },
  {
    workflowType: MIGRATE_FROM_ANALOGUE,
    name: 'personal',
    expectedStatus: 'COMPLETED',
    run: async (world) => finished(world, await migration(world, 'ANALOGUE', 'PERSONAL')),
  },
  {
    workflowType: MIGRATE_FROM_ANALOGUE,
    name: 'shared',
    expectedStatus: 'COMPLETED',
    run: async (world) => finished(world, await migration(world, 'ANALOGUE', 'SHARED')),
  },
  {
    workflowType: MIGRATE_FROM_ANALOGUE,
    name: 'shared-compensated',
    expectedStatus: 'FAILED',
    run: async (world) => {
      await world.faults.inject({
        system: 'directory',
        operation: 'publishSharedNumber',
        kind: 'permanent',
        times: 1,
      });
      return finished(world, await migration(world, 'ANALOGUE', 'SHARED'));
    },
  },
  {
    workflowType: MIGRATION_CAMPAIGN,
    name: 'happy-path',
    expectedStatus: 'COMPLETED',
    run: async (world) => {
      const { handle } = await campaignOfUnit(world);
      await handle.result();
      return handle;
    },
  },
  {
    workflowType: MIGRATION_CAMPAIGN,
    name: 'paused-failed-retried',
    expectedStatus: 'COMPLETED',
    run: async (world) => {
      const { admin, handle } = await campaignOfUnit(world);
      await handle.executeUpdate(pauseCampaignUpdate, { args: [{ actor: admin.login }] });
      // The first migration to reach the legacy service is refused once.
      await world.faults.inject({ system: 'legacy', operation: 'snapshotLine', kind: 'permanent', times: 1 });
      await handle.executeUpdate(resumeCampaignUpdate, { args: [{ actor: admin.login }] });
      const settled = await waitForCampaign(handle, (p) =>
        p.items.every((i) => ['SUCCEEDED', 'FAILED'].includes(i.status)),
      );
      const failed = settled.items.find((i) => i.status === 'FAILED');
      if (!failed) throw new Error('no campaign item failed');
      await handle.executeUpdate(retryCampaignItemUpdate, {
        args: [{ actor: admin.login, number: failed.number }],
      });
      await handle.result();
      return handle;
    },
  },
  {
    // Ends with continue-as-new; result() on its handle follows the runs to the last one's result.
    workflowType: MIGRATION_CAMPAIGN,
    name: 'continued-as-new-first-run',
    expectedStatus: 'COMPLETED',
    run: async (world) => (await continuedCampaign(world))[0],
  },
  {
    // Starts from the carried book and learns the inherited migrations' outcomes from the projection.
    workflowType: MIGRATION_CAMPAIGN,
    name: 'continued-as-new-last-run',
    expectedStatus: 'COMPLETED',
    run: async (world) => (await continuedCampaign(world)).at(-1)!,
  },
  {
    workflowType: MIGRATION_CAMPAIGN,
    name: 'cancelled',
    expectedStatus: 'CANCELLED',
    run: async (world) => {
      const { admin, handle } = await campaignOfUnit(world);
      await handle.executeUpdate(cancelCampaignUpdate, {
        args: [{ actor: admin.login, reason: 'unit moves building first' }],
      });
      await handle.result();
      return handle;
    },
  },
];
