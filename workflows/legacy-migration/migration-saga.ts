import { isCancellation, uuid4 } from '@temporalio/workflow';
import type { PersonSummary } from '../../libs/contracts/people';
import type { LegacySnapshot, MigrateLegacyInput } from '../../libs/contracts/legacy-migration';
import { managersGroupOf } from '../../libs/contracts/numbers';
import { setAgainSentence } from '../../libs/domain/legacy-settings';
import { REGISTER_PHONE, type RegisterPhoneInput } from '../../libs/contracts/phones';
import type { RequestProgress } from '../../libs/contracts/progress';
import { RequestKind } from '../../libs/contracts/request-kind';
import { StepStatus, UndoStatus } from '../../libs/contracts/request-status';
import { workflowIds } from '../../libs/contracts/workflow-ids';
import { NotificationKind } from '../../libs/notifications/templates/notification-templates';
import { mailThePerson } from '../kit/mail-the-person';
import { RequestRun } from '../kit/request-run';
import { migrationSteps, type MigrationSteps } from './migration-steps';

/**
 * The body both migration workflows share. Order and undo (docs/domain.md §6):
 *   mark MIGRATING → snapshot → SIP account with the same number → phonebook (personal: under the
 *   person; shared: managers e-group, then the entry under its description) → verify the SIP account
 *   → POINT OF NO RETURN → switch off the legacy line → [desk phone] → ACTIVE + mail.
 * Before the point of no return a permanent failure undoes, in reverse: phonebook, e-group, SIP
 * account, then the number back to LEGACY (NEEDS_ATTENTION if an undo had to be skipped). After it,
 * failures park for the service desk and cancellation is refused.
 */
export async function runLegacyMigration(
  input: MigrateLegacyInput,
  kind: RequestKind,
  withPhone: boolean,
): Promise<RequestProgress> {
  const run = new RequestRun(input, kind, migrationSteps(input.as, withPhone));
  const { requestId, requester, number } = input;
  const shared = input.as === 'SHARED';
  const title = `the migration of ${number} as a ${shared ? 'shared' : 'personal'} number`;
  let person: PersonSummary | undefined;
  let phoneNote: string | undefined;
  run.timeline.setSubject(number);

  const mailPerson = mailThePerson<'notify-accepted' | 'notify-outcome'>(run, requestId, title, () => person);

  // A skipped undo means some system may still hold part of the migration: a person must look.
  const undoWasSkipped = () =>
    run.progress.steps.some((s) => s.undo === UndoStatus.SKIPPED || s.undo === UndoStatus.FAILED);

  return run.execute(
    async () => {
      person = await run.step('verify-eligibility', (a) => a.verifyEligibility({ login: requester }));
      await mailPerson('notify-accepted', NotificationKind.REQUEST_ACCEPTED);

      await run.step(
        'mark-migrating',
        (a) => a.markNumberMigrating({ requestId, number, as: input.as, login: requester }),
        {
          mayHalfApply: true,
          undo: (a) =>
            undoWasSkipped()
              ? a.markMigrationNeedsAttention({ requestId, number })
              : a.revertNumberToLegacy({ requestId, number }),
        },
      );
      const snapshot = await run.step('snapshot-legacy', (a) => a.snapshotLegacyLine({ number }));

      const displayName = shared ? (input.description ?? number) : person.displayName;
      await run.step('create-sip-account', (a) => a.createSipAccount({ number, displayName }), {
        // A timeout may hide an account that was created: record its removal before trying.
        mayHalfApply: true,
        undo: (a) => a.removeSipAccount({ number }),
      });

      if (shared) {
        const description = input.description ?? number;
        await run.step(
          'create-managers-group',
          (a) =>
            a.createMigrationManagersGroup({
              number,
              ownerLogin: requester,
              members: input.managers,
              description,
            }),
          { mayHalfApply: true, undo: (a) => a.deleteMigrationManagersGroup({ number }) },
        );
        await run.step(
          'publish-shared-entry',
          (a) =>
            a.publishMigratedSharedNumber({
              number,
              description,
              ownerLogin: requester,
              legacyListings: input.listedUnder,
            }),
          {
            mayHalfApply: true,
            undo: (a) => a.unpublishMigratedSharedNumber({ number, legacyListings: input.listedUnder }),
          },
        );
      } else {
        // The phonebook usually lists a legacy number under its person already; undo keeps that listing.
        let keepListing = input.listedUnder.includes(requester);
        const published = await run.step(
          'publish-number',
          (a) => a.publishMigratedPersonalNumber({ login: requester, number }),
          {
            mayHalfApply: true,
            undo: (a) => a.unpublishMigratedPersonalNumber({ login: requester, number, keepListing }),
          },
        );
        keepListing = published.wasListed;
      }

      // The legacy line goes off only once the PBX is known to hold the new account.
      await run.step('verify-sip-account', (a) => a.verifyMigratedSipAccount({ number }));

      run.passPointOfNoReturn();
      await run.step('deactivate-legacy-line', (a) => a.deactivateLegacyLine({ number }));

      if (withPhone) phoneNote = await reRegisterPhone(run, input, snapshot);

      await run.step('activate-number', (a) =>
        a.completeLegacyMigration({
          requestId,
          number,
          description: shared ? input.description : null,
          managersGroup: shared ? managersGroupOf(number) : null,
        }),
      );
      run.timeline.setResult({ number });
      await mailPerson('notify-outcome', NotificationKind.REQUEST_COMPLETED, {
        // Forwarding and voicemail cannot move to the new line: the person is told, never left to find out.
        outcome: [
          `Number ${number} now runs on the new phone service.`,
          phoneNote,
          setAgainSentence(snapshot.settings),
        ]
          .filter((p) => p !== undefined)
          .join(' '),
      });
    },
    { onFailed: (reason) => mailPerson('notify-outcome', NotificationKind.REQUEST_FAILED, { reason }) },
  );
}

/**
 * Moves the legacy desk phone to the new line when its model is compatible, as a child request
 * (`registerPhoneWorkflow`). After the point of no return a phone that cannot follow does not undo
 * the migration: the number works, and the person is told to register the phone from the portal.
 * Returns a sentence for the outcome mail, if there is something to say.
 */
async function reRegisterPhone(
  run: RequestRun<MigrationSteps>,
  input: MigrateLegacyInput,
  snapshot: LegacySnapshot,
): Promise<string | undefined> {
  const phone = snapshot.phone;
  const skip = (note: string) => {
    run.timeline.skipped('record-phone', note);
    run.timeline.skipped('re-register-phone', note);
  };
  if (!phone) {
    skip('the legacy line has no desk phone');
    return undefined;
  }
  const model = phone.modelName ?? phone.modelId;
  if (phone.compatible !== 'YES') {
    skip(`the desk phone (${model}) is not compatible with the new service`);
    return `Your desk phone (${model}) cannot be used on the new service; ask for a compatible one.`;
  }
  if (phone.mac !== input.lockedPhoneMac) {
    // The request locked another MAC (or none): registering this one could race another request.
    skip(`the legacy line's desk phone ${phone.mac} changed since the request`);
    return `Register your desk phone (${model}) from the portal.`;
  }

  const phoneId = uuid4();
  await run.step(
    'record-phone',
    (a) =>
      a.recordMigratedPhone({
        phoneId,
        requestId: input.requestId,
        mac: phone.mac,
        number: input.number,
        modelId: phone.modelId,
        login: input.requester,
        office: input.office,
      }),
    // The service desk may skip it (e.g. the MAC is registered elsewhere): the phone then stays behind.
    { skip: { value: undefined } },
  );
  if (run.timeline.step('record-phone').status === StepStatus.SKIPPED) {
    run.timeline.skipped('re-register-phone', 'the desk phone was not recorded');
    return `Register your desk phone (${model}) from the portal.`;
  }
  try {
    await run.child('re-register-phone', {
      kind: RequestKind.REGISTER_PHONE,
      workflowType: REGISTER_PHONE,
      workflowId: workflowIds.phone(phone.mac),
      subject: phone.mac,
      input: (common): RegisterPhoneInput => ({
        ...common,
        phoneId,
        mac: phone.mac,
        number: input.number,
        modelId: phone.modelId,
        office: input.office,
        firstBootTimeoutMs: input.firstBootTimeoutMs,
      }),
    });
    return `Your desk phone (${model}) was moved to the new line.`;
  } catch (error) {
    if (isCancellation(error) || (error instanceof Error && error.name === 'RequestCancelled')) throw error;
    // The phone's own request undid itself; the timeline shows the failed step.
    return `Your desk phone (${model}) could not be moved automatically; register it from the portal.`;
  }
}
