import type { LifecycleSweepInput, LifecycleCandidate } from '../libs/contracts/lifecycle';
import type { WorkflowSettings } from '../libs/contracts/settings';
import { DEFAULT_LIFECYCLE_POLICY } from '../libs/domain/lifecycle';
import { contractHasEnded, planLifecycle } from './lifecycle-plan';

const sweep: LifecycleSweepInput = {
  policy: DEFAULT_LIFECYCLE_POLICY,
  settings: {} as WorkflowSettings,
  checkIntervalMs: 1000,
  lockRetryMs: 2000,
};
const today = new Date('2026-03-10T02:30:00Z');
const candidate = (overrides: Partial<LifecycleCandidate>): LifecycleCandidate => ({
  number: '70001',
  type: 'PERSONAL',
  state: 'ACTIVE',
  ownerLogin: 'ada',
  contractEnd: null,
  ownerExists: true,
  reservedUntil: null,
  ...overrides,
});

describe('contractHasEnded', () => {
  it('counts the last working day as still working', () => {
    expect(contractHasEnded('2026-03-10T00:00:00.000Z', today)).toBe(false);
    expect(contractHasEnded('2026-03-09T00:00:00.000Z', today)).toBe(true);
    expect(contractHasEnded(null, today)).toBe(false);
  });
});

describe('planLifecycle', () => {
  it('plans deactivation 7 days after the contract ended, deletion 6 months later, then 90 days of quarantine', () => {
    const plan = planLifecycle(candidate({ contractEnd: '2026-03-01T00:00:00.000Z' }), today, sweep);
    expect(plan).toEqual({
      workflowType: 'personalNumberLifecycleWorkflow',
      input: {
        settings: sweep.settings,
        checkIntervalMs: 1000,
        lockRetryMs: 2000,
        number: '70001',
        ownerLogin: 'ada',
        deactivateAt: '2026-03-08T00:00:00.000Z',
        deleteAt: '2026-09-08T00:00:00.000Z',
        quarantineUntil: '2026-12-07T00:00:00.000Z',
      },
    });
  });

  it('plans nothing for a personal number whose owner still works (or works until today)', () => {
    expect(planLifecycle(candidate({ contractEnd: '2026-03-10T00:00:00.000Z' }), today, sweep)).toBeNull();
    expect(planLifecycle(candidate({ contractEnd: '2027-01-01T00:00:00.000Z' }), today, sweep)).toBeNull();
  });

  it('treats an owner who left the directory as leaving today', () => {
    const plan = planLifecycle(candidate({ ownerExists: false }), today, sweep);
    expect(plan?.input).toMatchObject({ deactivateAt: '2026-03-17T00:00:00.000Z' });
  });

  it('resumes a deactivated number with the reservation it has', () => {
    const plan = planLifecycle(
      candidate({ state: 'DEACTIVATED', reservedUntil: '2026-06-01T00:00:00.000Z' }),
      today,
      sweep,
    );
    expect(plan?.input).toMatchObject({
      deleteAt: '2026-06-01T00:00:00.000Z',
      quarantineUntil: '2026-08-30T00:00:00.000Z',
    });
  });

  it('starts a shared owner’s reminders 60 days ahead, keeping only those not yet past', () => {
    const shared = { type: 'SHARED' as const, number: '65001' };
    expect(
      planLifecycle(candidate({ ...shared, contractEnd: '2026-05-20T00:00:00.000Z' }), today, sweep),
    ).toBeNull();
    const plan = planLifecycle(
      candidate({ ...shared, contractEnd: '2026-04-01T00:00:00.000Z' }),
      today,
      sweep,
    );
    expect(plan).toMatchObject({
      workflowType: 'sharedOwnerLeavingWorkflow',
      input: {
        number: '65001',
        contractEnd: '2026-04-01T00:00:00.000Z',
        // 60 and 27 days before are past; 7 days before is still ahead.
        reminders: ['2026-03-25T00:00:00.000Z'],
        transferAt: '2026-04-01T00:00:00.000Z',
      },
    });
  });

  it('leaves a shared number whose owner is gone from the directory to the service desk', () => {
    expect(
      planLifecycle(
        candidate({ type: 'SHARED', ownerExists: false, contractEnd: '2026-03-01T00:00:00.000Z' }),
        today,
        sweep,
      ),
    ).toBeNull();
  });
});
