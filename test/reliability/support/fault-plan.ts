import type { FaultSpec } from '../../../libs/systems/sandbox/fault-injector';
import type { RequestKind } from './request-mix';
import type { SeededRandom } from './seeded-random';

/**
 * The operations the workflows call on each system, steps and undos alike (reads too: a failing
 * read before a write is a fault "at a step" as well). A fault on one of them hits whichever
 * request calls it next.
 */
export const FAULTABLE_OPERATIONS: ReadonlyArray<readonly [FaultSpec['system'], readonly string[]]> = [
  [
    'directory',
    [
      'findPerson',
      'publishPersonalNumber',
      'unpublishPersonalNumber',
      'publishSharedNumber',
      'unpublishSharedNumber',
      'createGroup',
      'deleteGroup',
    ],
  ],
  [
    'pbx',
    ['createSipAccount', 'removeSipAccount', 'setDisplayName', 'bindDevice', 'unbindDevice', 'getSipAccount'],
  ],
  ['network', ['registerDevice', 'removeDevice']],
  ['dhcp', ['reserveHost', 'releaseHost']],
  ['provisioning', ['publishConfig', 'withdrawConfig', 'bootUrl']],
  [
    'inventory',
    [
      'reserveNumber',
      'reserveSharedNumber',
      'releaseReservation',
      'activateNumber',
      'setDescription',
      'setPhonebookListed',
      'makeShared',
      'quarantine',
    ],
  ],
  ['mail', ['send']],
];

type Op = readonly [FaultSpec['system'], string];

/** The operations each kind of request calls on its way forward, and those its undos call. */
export const OPERATIONS_OF: Record<RequestKind, { steps: readonly Op[]; undos: readonly Op[] }> = {
  NEW_PERSONAL_NUMBER: {
    steps: [
      ['directory', 'findPerson'],
      ['inventory', 'reserveNumber'],
      ['pbx', 'createSipAccount'],
      ['directory', 'publishPersonalNumber'],
      ['inventory', 'activateNumber'],
      ['mail', 'send'],
    ],
    undos: [
      ['directory', 'unpublishPersonalNumber'],
      ['pbx', 'removeSipAccount'],
      ['inventory', 'releaseReservation'],
    ],
  },
  NEW_SHARED_NUMBER: {
    steps: [
      ['directory', 'findPerson'],
      ['inventory', 'reserveSharedNumber'],
      ['directory', 'createGroup'],
      ['pbx', 'createSipAccount'],
      ['directory', 'publishSharedNumber'],
      ['inventory', 'activateNumber'],
      ['mail', 'send'],
    ],
    undos: [
      ['directory', 'unpublishSharedNumber'],
      ['pbx', 'removeSipAccount'],
      ['directory', 'deleteGroup'],
      ['inventory', 'releaseReservation'],
    ],
  },
  REGISTER_PHONE: {
    steps: [
      ['inventory', 'findModel'],
      ['network', 'registerDevice'],
      ['dhcp', 'reserveHost'],
      ['provisioning', 'bootUrl'],
      ['provisioning', 'publishConfig'],
      ['pbx', 'bindDevice'],
      ['provisioning', 'lastConfigFetch'],
      ['inventory', 'moveActivation'],
    ],
    undos: [
      ['pbx', 'unbindDevice'],
      ['provisioning', 'withdrawConfig'],
      ['dhcp', 'releaseHost'],
      ['network', 'removeDevice'],
    ],
  },
  DELETE_NUMBER: {
    steps: [
      ['inventory', 'findNumber'],
      ['inventory', 'livePhones'],
      ['pbx', 'removeSipAccount'],
      ['directory', 'unpublishPersonalNumber'],
      ['directory', 'unpublishSharedNumber'],
      ['directory', 'deleteGroup'],
      ['inventory', 'quarantine'],
    ],
    undos: [],
  },
  CHANGE_DESCRIPTION: {
    steps: [
      ['inventory', 'findNumber'],
      ['directory', 'publishSharedNumber'],
      ['pbx', 'setDisplayName'],
      ['inventory', 'setDescription'],
    ],
    undos: [
      ['directory', 'publishSharedNumber'],
      ['pbx', 'setDisplayName'],
    ],
  },
  SET_PHONEBOOK_LISTING: {
    steps: [
      ['inventory', 'findNumber'],
      ['directory', 'unpublishPersonalNumber'],
      ['inventory', 'setPhonebookListed'],
    ],
    undos: [['directory', 'publishPersonalNumber']],
  },
  TURN_TO_SHARED: {
    steps: [
      ['inventory', 'findNumber'],
      ['directory', 'createGroup'],
      ['directory', 'unpublishPersonalNumber'],
      ['directory', 'publishSharedNumber'],
      ['pbx', 'setDisplayName'],
      ['inventory', 'makeShared'],
    ],
    undos: [
      ['directory', 'unpublishSharedNumber'],
      ['directory', 'publishPersonalNumber'],
      ['directory', 'deleteGroup'],
      ['pbx', 'setDisplayName'],
    ],
  },
};

/**
 * One random fault: transient that retries absorb (fewer failures than attempts), transient that
 * outlasts the retries (the request parks), permanent (the saga compensates, or parks past its
 * point of no return), or a delay.
 */
export function randomFault(random: SeededRandom, maxAttempts: number, [system, operation]: Op): FaultSpec {
  // Every operation gets every kind, inventory.moveActivation (the workflows' own bookkeeping, a
  // local activity) included: a permanent refusal there compensates the request like any step's.
  const kind = random.weighted([
    ['absorbed', 4],
    ['exhausting', 2],
    ['permanent', 3],
    ['delay', 2],
  ] as const);
  switch (kind) {
    case 'absorbed':
      return { system, operation, kind: 'transient', times: random.int(1, maxAttempts - 1) };
    case 'exhausting':
      return { system, operation, kind: 'transient', times: maxAttempts + random.int(0, 2) };
    case 'permanent':
      return { system, operation, kind: 'permanent', times: 1 };
    case 'delay':
      return { system, operation, kind: 'delay', times: random.int(1, 3), delayMs: random.int(50, 400) };
  }
}

/**
 * The faults armed with one request: mostly one on an operation it calls, sometimes one anywhere
 * (it then hits whichever request calls it next); and often a second one on an operation its undos
 * call, so compensations fail too.
 */
export function faultsFor(random: SeededRandom, kind: RequestKind, maxAttempts: number): FaultSpec[] {
  const faults: FaultSpec[] = [];
  if (random.chance(0.8)) {
    const own = OPERATIONS_OF[kind].steps;
    const anywhere = random.pick(FAULTABLE_OPERATIONS);
    const op: Op = random.chance(0.85) ? random.pick(own) : [anywhere[0], random.pick(anywhere[1])];
    faults.push(randomFault(random, maxAttempts, op));
  }
  const undos = OPERATIONS_OF[kind].undos;
  if (undos.length > 0 && faults.length > 0 && random.chance(0.35)) {
    faults.push(randomFault(random, maxAttempts, random.pick(undos)));
  }
  return faults;
}

export const describeFault = (f: FaultSpec) =>
  `${f.kind}${f.kind === 'delay' ? `(${f.delayMs}ms)` : ''}×${f.times ?? '∞'} ${f.system}.${f.operation ?? '*'}`;
