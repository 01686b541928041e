import type {
  DeviceChange,
  PhonebookChange,
  ReservationChange,
  SipAccountChange,
} from '../libs/contracts/repair';
import type { RequestProgress } from '../libs/contracts/progress';
import type { RepairDriftInput } from '../libs/contracts/reconciliation';
import { RequestKind } from '../libs/contracts/request-kind';
import { RequestRun } from './kit/request-run';
import type { StepDefinition } from './kit/timeline';

export const REPAIR_NUMBER_STEPS = [
  { id: 'read-inventory', system: 'inventory', action: 'Read what the inventory holds for the number' },
  { id: 'look-up-owner', system: 'directory', action: "Look up the owner's name in the directory" },
  { id: 'converge-sip-account', system: 'pbx', action: 'Bring the SIP account in line with the inventory' },
  {
    id: 'converge-phonebook',
    system: 'directory',
    action: 'Bring the phonebook listing in line with the inventory',
  },
] as const satisfies readonly StepDefinition[];

export const REPAIR_PHONE_STEPS = [
  { id: 'read-inventory', system: 'inventory', action: 'Read what the inventory holds for the phone' },
  {
    id: 'converge-network-device',
    system: 'network',
    action: 'Bring the network database device in line with the inventory',
  },
  {
    id: 'converge-dhcp-reservation',
    system: 'dhcp',
    action: 'Bring the DHCP reservation in line with the inventory',
  },
] as const satisfies readonly StepDefinition[];

/**
 * Repairs drift on one resource (a number or a phone's MAC): re-reads the inventory, then brings each
 * system in line — re-creates what is missing, removes what is orphaned. The inventory is never
 * changed: it is the reference. Each step records what it changed, and a later failure puts those
 * changes back in reverse (the usual saga). Undo order: phonebook, SIP account / DHCP, network device.
 */
export async function repairDriftWorkflow(input: RepairDriftInput): Promise<RequestProgress> {
  return input.target.type === 'number'
    ? repairNumber(input, input.target.number)
    : repairPhone(input, input.target.mac);
}

async function repairNumber(input: RepairDriftInput, number: string): Promise<RequestProgress> {
  const run = new RequestRun(input, RequestKind.REPAIR_NUMBER, REPAIR_NUMBER_STEPS);
  const { requestId } = input;
  return run.execute(async () => {
    run.timeline.setSubject(number);
    const desired = await run.step('read-inventory', (a) => a.readNumberTarget({ number, requestId }));
    const owner = desired.sipAccount?.ownerLogin ?? null;
    const ownerName = await run.step('look-up-owner', (a) => a.displayNameOf({ login: owner }));
    const expectedAccount =
      desired.sipAccount === undefined
        ? undefined
        : desired.sipAccount && { displayName: ownerName ?? desired.sipAccount.fallbackName };

    let sip: SipAccountChange = { change: 'none' };
    sip = await run.step(
      'converge-sip-account',
      (a) => a.convergeSipAccount({ number, expected: expectedAccount }),
      {
        // Reads the change once the step has returned it: undo exactly what was done.
        undo: (a) => a.revertSipAccount({ number, change: sip }),
      },
    );
    let book: PhonebookChange = { added: [], removed: [] };
    book = await run.step(
      'converge-phonebook',
      (a) => a.convergePhonebook({ number, expected: desired.listing }),
      {
        undo: (a) => a.revertPhonebook({ change: book }),
      },
    );
    run.timeline.setResult({
      sipAccount: sip.change,
      phonebook: `${book.added.length} listing(s) added, ${book.removed.length} removed`,
    });
  });
}

async function repairPhone(input: RepairDriftInput, mac: string): Promise<RequestProgress> {
  const run = new RequestRun(input, RequestKind.REPAIR_PHONE, REPAIR_PHONE_STEPS);
  const { requestId } = input;
  return run.execute(async () => {
    run.timeline.setSubject(mac);
    const desired = await run.step('read-inventory', (a) => a.readPhoneTarget({ mac, requestId }));
    let device: DeviceChange = {};
    device = await run.step(
      'converge-network-device',
      (a) => a.convergeNetworkDevice({ mac, expected: desired.device }),
      {
        undo: (a) => a.revertNetworkDevice({ change: device }),
      },
    );
    let reservation: ReservationChange = {};
    reservation = await run.step(
      'converge-dhcp-reservation',
      (a) => a.convergeDhcpReservation({ mac, expected: desired.reservation }),
      { undo: (a) => a.revertDhcpReservation({ mac, change: reservation }) },
    );
    run.timeline.setResult({
      networkDevice: device.added ? 'registered' : device.removed ? 'removed' : 'unchanged',
      dhcpReservation: reservation.added || reservation.previous ? 'changed' : 'unchanged',
    });
  });
}
