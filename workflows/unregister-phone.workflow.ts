import type { UnregisterPhoneInput } from '../libs/contracts/phones';
import type { RequestProgress } from '../libs/contracts/progress';
import { RequestKind } from '../libs/contracts/request-kind';
import { formatMacAddress } from '../libs/domain/mac-address';
import { phoneDeviceName } from '../libs/domain/phone-registration';
import { RequestRun } from './kit/request-run';
import type { StepDefinition } from './kit/timeline';

export const UNREGISTER_PHONE_STEPS = [
  { id: 'mark-unregistering', system: 'inventory', action: 'Mark the phone as being unregistered' },
  { id: 'unbind-line', system: 'pbx', action: 'Unbind the phone from its line on the PBX' },
  {
    id: 'withdraw-config',
    system: 'provisioning',
    action: "Withdraw the phone's configuration from the provisioning server",
  },
  { id: 'release-dhcp', system: 'dhcp', action: "Release the phone's DHCP reservation" },
  {
    id: 'remove-network-device',
    system: 'network',
    action: 'Remove the device TELEPHONE-<number> from the network database',
  },
  { id: 'forget-d60-base', system: 'inventory', action: 'Forget the D60 base paired with the phone, if any' },
  { id: 'mark-removed', system: 'inventory', action: 'Mark the phone as removed' },
] as const satisfies readonly StepDefinition[];

const SKIPPABLE = { skip: { value: undefined } };

/**
 * docs/domain.md §6 "Unregister IP phone": the reverse of registration. Once the phone is marked
 * UNREGISTERING the request is past its point of no return: a step that keeps failing parks for the
 * service desk (retry, or skip when the thing was removed by hand) instead of re-creating what was
 * already removed. The phone ends REMOVED, last.
 */
export async function unregisterPhoneWorkflow(input: UnregisterPhoneInput): Promise<RequestProgress> {
  const run = new RequestRun(input, RequestKind.UNREGISTER_PHONE, UNREGISTER_PHONE_STEPS);
  const { requestId, phoneId, mac, number } = input;
  const hostname = phoneDeviceName(number);
  run.timeline.setSubject(formatMacAddress(mac, 'colon'));

  return run.execute(async () => {
    const { alreadyRemoved } = await run.step('mark-unregistering', (a) =>
      a.beginPhoneUnregistration({ phoneId, requestId, mac, number }),
    );
    // Removed by an earlier request: its MAC may already belong to a new phone, so touch nothing.
    if (alreadyRemoved) return;
    run.passPointOfNoReturn();
    await run.step('unbind-line', (a) => a.unbindPhoneFromLine({ number, mac }), SKIPPABLE);
    await run.step('withdraw-config', (a) => a.withdrawPhoneConfig({ mac }), SKIPPABLE);
    await run.step('release-dhcp', (a) => a.releasePhoneAddress({ mac, hostname }), SKIPPABLE);
    await run.step('remove-network-device', (a) => a.removePhoneDevice({ name: hostname, mac }), SKIPPABLE);
    await run.step('forget-d60-base', (a) => a.removeD60BaseOfPhone({ phoneId }), SKIPPABLE);
    await run.step('mark-removed', (a) => a.finishPhoneUnregistration({ phoneId }));
    run.timeline.setResult({ number, mac: formatMacAddress(mac, 'colon') });
  });
}
