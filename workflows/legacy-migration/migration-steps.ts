import type { MigrationTarget } from '../../libs/contracts/legacy-migration';
import type { StepDefinition } from '../kit/timeline';

/**
 * The steps of a legacy migration (docs/domain.md §6), declared up front so the timeline shows what is
 * still to come. Personal numbers are published under the person; shared ones get their managers
 * e-group and a phonebook entry under their description. Lines that may carry a desk phone (Skype,
 * vendor IP) end with its re-registration.
 */
export function migrationSteps(as: MigrationTarget, withPhone: boolean) {
  return [
    { id: 'verify-eligibility', system: 'directory', action: 'Check eligibility in the directory' },
    { id: 'notify-accepted', system: 'mail', action: 'Mail the requester that the request is accepted' },
    { id: 'mark-migrating', system: 'inventory', action: 'Mark the number as migrating' },
    { id: 'snapshot-legacy', system: 'legacy', action: 'Snapshot the legacy line configuration' },
    { id: 'create-sip-account', system: 'pbx', action: 'Create the SIP account with the same number' },
    ...(as === 'PERSONAL'
      ? [
          {
            id: 'publish-number',
            system: 'directory',
            action: 'Publish the number under the person in the phonebook',
          } as const,
        ]
      : [
          {
            id: 'create-managers-group',
            system: 'directory',
            action: 'Create the managers e-group',
          } as const,
          {
            id: 'publish-shared-entry',
            system: 'directory',
            action: 'Publish the shared entry with its description in the phonebook',
          } as const,
        ]),
    { id: 'verify-sip-account', system: 'pbx', action: 'Verify the SIP account on the PBX' },
    {
      id: 'deactivate-legacy-line',
      system: 'legacy',
      action: 'Switch off the legacy line (point of no return)',
    },
    ...(withPhone
      ? [
          { id: 'record-phone', system: 'inventory', action: 'Record the legacy desk phone' } as const,
          {
            id: 're-register-phone',
            system: 'provisioning',
            action: 'Re-register the legacy desk phone on the new line',
          } as const,
        ]
      : []),
    { id: 'activate-number', system: 'inventory', action: 'Activate the number' },
    { id: 'notify-outcome', system: 'mail', action: 'Mail the outcome to the requester' },
  ] as const satisfies readonly StepDefinition[];
}

/** The steps of one migration, as the run types them. */
export type MigrationSteps = ReturnType<typeof migrationSteps>;
