import { condition, setHandler } from '@temporalio/workflow';
import {
  phoneBootedSignal,
  type RegisterPhoneInput,
  type PhoneRegistrationPlan,
} from '../libs/contracts/phones';
import type { RequestProgress } from '../libs/contracts/progress';
import { RequestKind } from '../libs/contracts/request-kind';
import { UndoStatus } from '../libs/contracts/request-status';
import type { StepOutcome } from '../libs/contracts/step-outcome';
import { formatMacAddress } from '../libs/domain/mac-address';
import { phoneDeviceName } from '../libs/domain/phone-registration';
import { NotificationKind } from '../libs/notifications/templates/notification-templates';
import { activitiesFor, bookkeeping } from './kit/activity-proxies';
import { mailThePerson } from './kit/mail-the-person';
import { RequestRun } from './kit/request-run';
import type { StepDefinition } from './kit/timeline';

export const REGISTER_PHONE_STEPS = [
  {
    id: 'check-request',
    system: 'inventory',
    action: 'Check the model, the number and the MAC address, and record the phone',
  },
  {
    id: 'register-network-device',
    system: 'network',
    action: 'Register the device TELEPHONE-<number> with its MAC address in the network database',
  },
  { id: 'reserve-dhcp', system: 'dhcp', action: 'Reserve an address with the boot server options in DHCP' },
  {
    id: 'publish-config',
    system: 'provisioning',
    action: "Publish the phone's configuration on the provisioning server",
  },
  { id: 'bind-line', system: 'pbx', action: 'Bind the phone to its line on the PBX' },
  {
    id: 'wait-first-boot',
    system: 'provisioning',
    action: 'Wait for the phone to fetch its configuration and register on the PBX',
  },
  {
    id: 'notify-no-boot',
    system: 'mail',
    action: 'Mail the requester that the phone has not booted yet (only if it has not)',
  },
  { id: 'activate-phone', system: 'inventory', action: 'Activate the phone' },
  { id: 'notify-outcome', system: 'mail', action: 'Mail the outcome to the requester' },
] as const satisfies readonly StepDefinition[];

/** The first boot did not happen in time: a retryable failure, so the request parks for the service desk. */
class FirstBootTimeout extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FirstBootTimeout';
  }
}

// However long the timeout, look at least every five minutes.
const LONGEST_POLL_MS = 300_000;

function minutes(ms: number): string {
  const m = Math.round(ms / 60_000);
  return m >= 1 ? `${m} minute${m === 1 ? '' : 's'}` : `${Math.max(1, Math.round(ms / 1000))} seconds`;
}

/**
 * docs/domain.md §6 "Register IP phone": network device → DHCP reservation → configuration → line
 * binding → first boot → ACTIVE. Undo order on failure: unbind the line, withdraw the
 * configuration, release the DHCP reservation, remove the network device; the phone then ends
 * REMOVED (FAILED if the service desk skipped an undo, so something may remain).
 */
export async function registerPhoneWorkflow(input: RegisterPhoneInput): Promise<RequestProgress> {
  const run = new RequestRun(input, RequestKind.REGISTER_PHONE, REGISTER_PHONE_STEPS);
  const { requestId, phoneId, mac, number } = input;
  const hostname = phoneDeviceName(number);
  const shownMac = formatMacAddress(mac, 'colon');
  const title = `the desk phone ${shownMac} on ${number}`;
  let plan: PhoneRegistrationPlan | undefined;
  let bootHint = false;
  setHandler(phoneBootedSignal, () => {
    bootHint = true;
  });
  run.timeline.setSubject(shownMac);

  const mark = (
    activation: 'NETWORK_REGISTERED' | 'CONFIG_PUBLISHED' | 'PENDING_FIRST_BOOT' | 'CONFIG_FETCHED',
    ipAddress?: string,
  ) => bookkeeping.markPhoneActivation({ phoneId, activation, ipAddress });

  const mailRequester = mailThePerson<'notify-no-boot' | 'notify-outcome'>(
    run,
    requestId,
    title,
    () => plan?.recipient,
  );

  /** Looks for the first boot until the timeout: at once, then at growing intervals or when signalled. */
  let waits = 0;
  const waitForFirstBoot = async (): Promise<StepOutcome> => {
    waits += 1;
    const timeoutMs = input.firstBootTimeoutMs;
    const firstPoll = input.firstBootPollMs ?? Math.min(5000, Math.max(100, Math.floor(timeoutMs / 20)));
    const longestPoll = Math.max(firstPoll, Math.min(LONGEST_POLL_MS, Math.floor(timeoutMs / 10)));
    const deadline = new Date().getTime() + timeoutMs;
    let interval = firstPoll;
    let fetchedSeen = false;
    for (let look = 1; ; look += 1) {
      bootHint = false;
      // One activity id per look, so the API can still match a retrying look to this step.
      const a = activitiesFor(input.settings, 'provisioning', `wait-first-boot#${waits}.${look}`);
      const { value: evidence } = await a.checkFirstBoot({ mac, number });
      if (evidence.configFetchedAt && !fetchedSeen) {
        fetchedSeen = true;
        await mark('CONFIG_FETCHED');
      }
      if (evidence.configFetchedAt && evidence.registered) {
        return {
          value: undefined,
          attempt: 1,
          note: `fetched its configuration at ${evidence.configFetchedAt} and registered on the PBX`,
        };
      }
      const left = deadline - new Date().getTime();
      if (left <= 0) {
        const seen = evidence.configFetchedAt
          ? `The phone fetched its configuration at ${evidence.configFetchedAt} but has not registered on the PBX within ${minutes(timeoutMs)}`
          : `The phone has not fetched its configuration within ${minutes(timeoutMs)}`;
        await mailRequester('notify-no-boot', NotificationKind.ACTION_REQUIRED, {
          reason: `${seen}. Check that the phone ${shownMac} is plugged into the network and switched on; the service desk has been told.`,
        });
        throw new FirstBootTimeout(`${seen}; check that it is plugged in and switched on`);
      }
      // A signal means "look now"; otherwise look less and less often.
      const signalled = await condition(() => bootHint, Math.min(interval, left));
      interval = signalled ? firstPoll : Math.min(interval * 2, longestPoll);
    }
  };

  return run.execute(
    async () => {
      plan = await run.step('check-request', (a) =>
        a.preparePhoneRegistration({
          phoneId,
          requestId,
          mac,
          number,
          modelId: input.modelId,
          office: input.office,
          requester: input.requester,
          actor: input.actor,
        }),
      );
      const device = plan.device;
      // Every system step may apply and still time out, so each undo is recorded before it runs;
      // the undos remove only what carries this phone's MAC.
      await run.step('register-network-device', (a) => a.registerPhoneDevice(device), {
        mayHalfApply: true,
        undo: (a) => a.removePhoneDevice({ name: device.name, mac }),
      });
      const { ipAddress } = await run.step('reserve-dhcp', (a) => a.reservePhoneAddress({ mac, hostname }), {
        mayHalfApply: true,
        undo: (a) => a.releasePhoneAddress({ mac, hostname }),
      });
      // The phone's state is recorded before the next step, and a refusal fails that step.
      await run.bookkeep('publish-config', 'step', () => mark('NETWORK_REGISTERED', ipAddress));
      await run.step('publish-config', (a) => a.publishPhoneConfig({ phoneId, d60: null }), {
        mayHalfApply: true,
        undo: (a) => a.withdrawPhoneConfig({ mac }),
      });
      await run.bookkeep('bind-line', 'step', () => mark('CONFIG_PUBLISHED'));
      await run.step('bind-line', (a) => a.bindPhoneToLine({ number, mac }), {
        mayHalfApply: true,
        undo: (a) => a.unbindPhoneFromLine({ number, mac }),
      });
      await run.bookkeep('wait-first-boot', 'step', () => mark('PENDING_FIRST_BOOT'));
      // A timeout parks the request: the service desk retries (wait again) or compensates.
      await run.step('wait-first-boot', waitForFirstBoot);
      await run.step('activate-phone', (a) => a.activatePhone({ phoneId }));
      run.timeline.setResult({ number, mac: shownMac, ipAddress });
      await mailRequester('notify-outcome', NotificationKind.REQUEST_COMPLETED, {
        outcome: `The phone ${shownMac} is active on ${number}.`,
      });
    },
    {
      onFailed: async (reason) => {
        const leftovers = run.progress.steps.some(
          (s) => s.undo === UndoStatus.SKIPPED || s.undo === UndoStatus.FAILED,
        );
        await run.bookkeep('check-request', 'undo', () =>
          bookkeeping.closeFailedRegistration({ phoneId, leftovers }),
        );
        await mailRequester('notify-outcome', NotificationKind.REQUEST_FAILED, { reason });
      },
    },
  );
}
