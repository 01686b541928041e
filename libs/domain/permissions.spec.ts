import { DomainErrorCode } from './domain-error';
import { type Actor, decide, type NumberTarget, PortalAction, type Target } from './permissions';

// The people of the matrix. "owner" is whoever holds the target: owns the number, made the request,
// was offered ownership, administers the unit. "ineligible" is the same kind of holder whose
// eligibility has lapsed (e.g. contract ended), so the column shows what eligibility alone takes away.
const ROLES = ['owner', 'manager', 'other', 'ineligible', 'desk'] as const;
type Role = (typeof ROLES)[number];

const INELIGIBLE_REASON =
  'Your contract ended on 2026-10-31, so you can no longer request or migrate numbers. If it has been extended, ask your department to update your record.';

const person = (login: string, extra: Partial<Actor> = {}): Actor => ({
  login,
  eligible: true,
  isServiceDesk: false,
  unitAdminOf: [],
  ...extra,
});
const PEOPLE: Record<Role, Actor> = {
  owner: person('olivia', { unitAdminOf: ['EP'] }),
  manager: person('max'),
  other: person('otto'),
  ineligible: person('ines', { eligible: false, ineligibleReason: INELIGIBLE_REASON, unitAdminOf: ['EP'] }),
  desk: person('dana', { isServiceDesk: true }),
};

const personal = (owner: string): NumberTarget => ({
  number: '70001',
  type: 'PERSONAL',
  ownerLogin: owner,
  managers: [],
});
const shared = (owner: string, managers = ['max', 'mia']): NumberTarget => ({
  number: '65001',
  type: 'SHARED',
  ownerLogin: owner,
  managers,
});

type TargetName = 'none' | 'personal' | 'shared' | 'request' | 'offer' | 'unit';
function targetFor(name: TargetName, holder: string): Target {
  switch (name) {
    case 'none':
      return { kind: 'none' };
    case 'personal':
      return { kind: 'number', number: personal(holder) };
    case 'shared':
      return { kind: 'number', number: shared(holder) };
    case 'request':
      return { kind: 'request', request: { requester: holder, actor: holder } };
    case 'offer':
      return { kind: 'ownership-offer', proposedOwner: holder };
    case 'unit':
      return { kind: 'unit', unit: 'EP' };
  }
}

// Cells: 'ok' or the refusal code.
const ok = 'ok';
const { NOT_OWNER, NOT_MANAGER, NOT_ELIGIBLE, FORBIDDEN, INVALID_STATE } = DomainErrorCode;
type Cell = typeof ok | DomainErrorCode;

// prettier-ignore
const MATRIX: ReadonlyArray<[PortalAction, TargetName, Cell, Cell, Cell, Cell, Cell]> = [
  // action                    target      owner          manager        other          ineligible     desk
  ['REQUEST_PERSONAL_NUMBER', 'none',      ok,            ok,            ok,            NOT_ELIGIBLE,  ok],
  ['REQUEST_SHARED_NUMBER',   'none',      ok,            ok,            ok,            NOT_ELIGIBLE,  ok],
  ['MIGRATE_LEGACY',          'none',      ok,            ok,            ok,            NOT_ELIGIBLE,  ok],

  ['SET_PHONEBOOK_LISTING',   'personal',  ok,            NOT_OWNER,     NOT_OWNER,     NOT_ELIGIBLE,  ok],
  ['SET_PHONEBOOK_LISTING',   'shared',    ok,            ok,            NOT_MANAGER,   NOT_ELIGIBLE,  ok],
  ['TURN_TO_SHARED',          'personal',  ok,            NOT_OWNER,     NOT_OWNER,     NOT_ELIGIBLE,  ok],
  ['TURN_TO_SHARED',          'shared',    INVALID_STATE, INVALID_STATE, INVALID_STATE, INVALID_STATE, INVALID_STATE],
  ['DELETE_NUMBER',           'personal',  ok,            NOT_OWNER,     NOT_OWNER,     NOT_ELIGIBLE,  ok],
  ['DELETE_NUMBER',           'shared',    ok,            NOT_OWNER,     NOT_OWNER,     NOT_ELIGIBLE,  ok],
  ['CHANGE_DESCRIPTION',      'personal',  INVALID_STATE, INVALID_STATE, INVALID_STATE, INVALID_STATE, INVALID_STATE],
  ['CHANGE_DESCRIPTION',      'shared',    ok,            ok,            NOT_MANAGER,   NOT_ELIGIBLE,  ok],
  ['CHANGE_OWNER',            'personal',  INVALID_STATE, INVALID_STATE, INVALID_STATE, INVALID_STATE, INVALID_STATE],
  ['CHANGE_OWNER',            'shared',    ok,            ok,            NOT_MANAGER,   NOT_ELIGIBLE,  ok],
  ['EDIT_MANAGERS',           'personal',  INVALID_STATE, INVALID_STATE, INVALID_STATE, INVALID_STATE, INVALID_STATE],
  ['EDIT_MANAGERS',           'shared',    ok,            NOT_OWNER,     NOT_OWNER,     NOT_ELIGIBLE,  ok],
  ['REGISTER_PHONE',          'personal',  ok,            NOT_OWNER,     NOT_OWNER,     NOT_ELIGIBLE,  ok],
  ['REGISTER_PHONE',          'shared',    ok,            ok,            NOT_MANAGER,   NOT_ELIGIBLE,  ok],
  ['UNREGISTER_PHONE',        'personal',  ok,            NOT_OWNER,     NOT_OWNER,     NOT_ELIGIBLE,  ok],
  ['UNREGISTER_PHONE',        'shared',    ok,            ok,            NOT_MANAGER,   NOT_ELIGIBLE,  ok],
  ['PAIR_D60',                'personal',  ok,            NOT_OWNER,     NOT_OWNER,     NOT_ELIGIBLE,  ok],
  ['PAIR_D60',                'shared',    ok,            ok,            NOT_MANAGER,   NOT_ELIGIBLE,  ok],
  ['BOOT_PHONE',              'personal',  ok,            NOT_OWNER,     NOT_OWNER,     NOT_ELIGIBLE,  ok],
  ['BOOT_PHONE',              'shared',    ok,            ok,            NOT_MANAGER,   NOT_ELIGIBLE,  ok],

  // owner = the person ownership was offered to; the desk may not accept for them.
  ['ACCEPT_OWNERSHIP',        'offer',     ok,            NOT_OWNER,     NOT_OWNER,     NOT_ELIGIBLE,  NOT_OWNER],
  // owner = the requester; an ineligible person may still look at and stop their own requests.
  ['VIEW_REQUEST',            'request',   ok,            NOT_OWNER,     NOT_OWNER,     ok,            ok],
  ['CANCEL_REQUEST',          'request',   ok,            NOT_OWNER,     NOT_OWNER,     ok,            ok],
  // owner = an administrator of the unit.
  ['SCHEDULE_CAMPAIGN',       'unit',      ok,            FORBIDDEN,     FORBIDDEN,     NOT_ELIGIBLE,  ok],

  ['RESOLVE_REQUEST',         'request',   FORBIDDEN,     FORBIDDEN,     FORBIDDEN,     FORBIDDEN,     ok],
  ['VIEW_DESK_QUEUE',         'none',      FORBIDDEN,     FORBIDDEN,     FORBIDDEN,     FORBIDDEN,     ok],
  ['RECONCILE',               'none',      FORBIDDEN,     FORBIDDEN,     FORBIDDEN,     FORBIDDEN,     ok],
  ['ACT_ON_BEHALF',           'none',      FORBIDDEN,     FORBIDDEN,     FORBIDDEN,     FORBIDDEN,     ok],
  ['IMPORT_LEGACY_INVENTORY', 'none',      FORBIDDEN,     FORBIDDEN,     FORBIDDEN,     FORBIDDEN,     ok],
];

const cases = MATRIX.flatMap(([action, target, ...cells]) =>
  ROLES.map((role, i) => ({ action, target, role, expected: cells[i] })),
);

function outcome(action: PortalAction, role: Role, target: TargetName): Cell {
  const holder = role === 'ineligible' ? PEOPLE.ineligible.login : PEOPLE.owner.login;
  const decision = decide(action, PEOPLE[role], targetFor(target, holder));
  return decision.allowed ? ok : decision.code;
}

describe('the authorisation matrix', () => {
  it('has a row for every portal action', () => {
    expect(new Set(MATRIX.map(([action]) => action))).toEqual(new Set(Object.values(PortalAction)));
  });

  it.each(cases)('$action on $target by $role: $expected', ({ action, target, role, expected }) => {
    expect(outcome(action, role, target)).toBe(expected);
  });

  it('gives every refusal a reason that says what to do', () => {
    for (const { action, target, role, expected } of cases) {
      if (expected === ok) continue;
      const holder = role === 'ineligible' ? 'ines' : 'olivia';
      const decision = decide(action, PEOPLE[role], targetFor(target, holder));
      expect([action, target, role, decision.allowed ? '' : decision.reason]).toEqual([
        action,
        target,
        role,
        expect.stringMatching(/\b(ask|contact|turn it into)\b|already a shared number/i),
      ]);
    }
  });
});

describe('decide: reasons', () => {
  it('tells a manager that only the owner, named, can delete a shared number', () => {
    expect(decide('DELETE_NUMBER', PEOPLE.manager, { kind: 'number', number: shared('olivia') })).toEqual({
      allowed: false,
      code: NOT_OWNER,
      reason:
        'Only the owner of 65001, olivia, can delete it; members of phone-mngr-65001 cannot. Ask olivia.',
    });
  });

  it('tells a manager that only the owner can edit the managers e-group', () => {
    expect(
      decide('EDIT_MANAGERS', PEOPLE.manager, { kind: 'number', number: shared('olivia') }),
    ).toMatchObject({
      code: NOT_OWNER,
      reason: expect.stringMatching(
        /^Only the owner of 65001, olivia, can edit its managers e-group.*Ask olivia\.$/,
      ),
    });
  });

  it('tells an outsider whom to ask to be added to the managers e-group', () => {
    expect(
      decide('CHANGE_DESCRIPTION', PEOPLE.other, { kind: 'number', number: shared('olivia') }),
    ).toMatchObject({
      code: NOT_MANAGER,
      reason:
        'Only the owner of 65001, olivia, and members of phone-mngr-65001 can change its description. Ask olivia to do it or to add you to phone-mngr-65001.',
    });
  });

  it("passes on the ineligible person's own reason, or a default one", () => {
    expect(decide('REQUEST_SHARED_NUMBER', PEOPLE.ineligible, { kind: 'none' })).toEqual({
      allowed: false,
      code: NOT_ELIGIBLE,
      reason: INELIGIBLE_REASON,
    });
    const withoutReason = person('ivan', { eligible: false });
    expect(decide('REQUEST_SHARED_NUMBER', withoutReason, { kind: 'none' })).toMatchObject({
      code: NOT_ELIGIBLE,
      reason: expect.stringMatching(/not authorised to use the phone service/),
    });
  });

  it('explains that a personal number has no managers e-group until it is turned to shared', () => {
    expect(
      decide('EDIT_MANAGERS', PEOPLE.owner, { kind: 'number', number: personal('olivia') }),
    ).toMatchObject({
      code: INVALID_STATE,
      reason: expect.stringMatching(
        /70001 is a personal number, so it has no managers e-group\. Turn it into a shared number first/,
      ),
    });
  });

  it('tells the desk it cannot accept an ownership offer for someone else', () => {
    expect(
      decide('ACCEPT_OWNERSHIP', PEOPLE.desk, { kind: 'ownership-offer', proposedOwner: 'otto' }),
    ).toMatchObject({
      code: NOT_OWNER,
      reason: expect.stringMatching(
        /offered to otto: only otto can accept it; the service desk cannot accept it for them/,
      ),
    });
  });

  it('names the unit in a refused campaign', () => {
    expect(decide('SCHEDULE_CAMPAIGN', PEOPLE.owner, { kind: 'unit', unit: 'TE' })).toMatchObject({
      code: FORBIDDEN,
      reason: expect.stringMatching(/^Only administrators of unit TE can schedule a migration campaign/),
    });
  });
});

describe('decide: edge cases', () => {
  it('tells an ineligible stranger they are not eligible before telling whose number it is', () => {
    const ines = PEOPLE.ineligible;
    expect(decide('DELETE_NUMBER', ines, { kind: 'number', number: shared('olivia') })).toMatchObject({
      code: NOT_ELIGIBLE,
    });
    expect(decide('VIEW_REQUEST', ines, targetFor('request', 'olivia'))).toMatchObject({ code: NOT_OWNER });
  });

  it('lets whoever made a request for someone else view and cancel it', () => {
    const onBehalf: Target = { kind: 'request', request: { requester: 'olivia', actor: 'max' } };
    expect(decide('VIEW_REQUEST', PEOPLE.manager, onBehalf)).toEqual({ allowed: true });
    expect(decide('CANCEL_REQUEST', PEOPLE.manager, onBehalf)).toEqual({ allowed: true });
    expect(decide('CANCEL_REQUEST', PEOPLE.other, onBehalf)).toMatchObject({
      code: NOT_OWNER,
      reason:
        "This request is olivia's: only olivia, max who made it for them, and the service desk can cancel this request. Ask olivia.",
    });
  });

  it('lets a desk agent accept ownership offered to them, as a person', () => {
    expect(
      decide('ACCEPT_OWNERSHIP', PEOPLE.desk, { kind: 'ownership-offer', proposedOwner: 'dana' }),
    ).toEqual({
      allowed: true,
    });
  });

  it('keeps manager actions open and sends owner-only actions to the desk while a shared number has no owner', () => {
    const orphan: Target = { kind: 'number', number: { ...shared('olivia'), ownerLogin: null } };
    expect(decide('CHANGE_DESCRIPTION', PEOPLE.manager, orphan)).toEqual({ allowed: true });
    expect(decide('DELETE_NUMBER', PEOPLE.manager, orphan)).toMatchObject({
      code: NOT_OWNER,
      reason: expect.stringMatching(/65001 has no owner at the moment.*Contact the service desk/),
    });
    expect(decide('CHANGE_DESCRIPTION', PEOPLE.other, orphan)).toMatchObject({
      code: NOT_MANAGER,
      reason: expect.stringMatching(/Only members of phone-mngr-65001 .* while 65001 has no owner/),
    });
  });

  it('compares logins and units without regard to case or padding', () => {
    const number: Target = { kind: 'number', number: shared(' Olivia ', ['MAX']) };
    expect(decide('DELETE_NUMBER', person('olivia'), number)).toEqual({ allowed: true });
    expect(decide('CHANGE_DESCRIPTION', person('max'), number)).toEqual({ allowed: true });
    expect(
      decide('SCHEDULE_CAMPAIGN', person('olivia', { unitAdminOf: ['ep'] }), { kind: 'unit', unit: 'EP' }),
    ).toEqual({
      allowed: true,
    });
  });

  it('lets the desk act on behalf of a user whatever the target', () => {
    expect(decide('ACT_ON_BEHALF', PEOPLE.desk, { kind: 'number', number: personal('olivia') })).toEqual({
      allowed: true,
    });
    expect(
      decide('ACT_ON_BEHALF', PEOPLE.owner, {
        kind: 'request',
        request: { requester: 'otto', actor: 'otto' },
      }),
    ).toMatchObject({
      code: FORBIDDEN,
    });
  });

  describe('the desk acting on behalf of someone', () => {
    const forIneligible = person('dana', {
      isServiceDesk: true,
      actsForSomeoneElse: true,
      eligible: false,
      ineligibleReason: INELIGIBLE_REASON,
    });
    const forUnknown = person('dana', {
      isServiceDesk: true,
      actsForSomeoneElse: true,
      eligible: false,
      ineligibleCode: 'UNKNOWN_PERSON',
      ineligibleReason: 'The directory has no person "ghost".',
    });
    const number: Target = { kind: 'number', number: personal('ines') };

    it.each([
      ['REQUEST_SHARED_NUMBER', { kind: 'none' }],
      ['REQUEST_PERSONAL_NUMBER', { kind: 'none' }],
      ['MIGRATE_LEGACY', { kind: 'none' }],
      ['REGISTER_PHONE', number],
      ['DELETE_NUMBER', number],
    ] as const)(
      'refuses %s for an ineligible person with NOT_ELIGIBLE and their reason',
      (action, target) => {
        expect(decide(action, forIneligible, target)).toEqual({
          allowed: false,
          code: NOT_ELIGIBLE,
          reason: INELIGIBLE_REASON,
        });
      },
    );

    it('refuses a request for a login the directory does not know with UNKNOWN_PERSON', () => {
      expect(decide('REQUEST_SHARED_NUMBER', forUnknown, { kind: 'none' })).toEqual({
        allowed: false,
        code: DomainErrorCode.UNKNOWN_PERSON,
        reason: 'The directory has no person "ghost".',
      });
    });

    it('still lets the desk look at, cancel and resolve their requests, and do desk work', () => {
      const request: Target = { kind: 'request', request: { requester: 'ines', actor: 'ines' } };
      for (const action of ['VIEW_REQUEST', 'CANCEL_REQUEST', 'RESOLVE_REQUEST'] as const)
        expect(decide(action, forIneligible, request)).toEqual({ allowed: true });
      expect(decide('VIEW_DESK_QUEUE', forUnknown, { kind: 'none' })).toEqual({ allowed: true });
    });

    it('does not judge the desk working as itself by eligibility', () => {
      const asItself = person('dana', {
        isServiceDesk: true,
        eligible: false,
        ineligibleReason: INELIGIBLE_REASON,
      });
      expect(decide('DELETE_NUMBER', asItself, number)).toEqual({ allowed: true });
    });
  });

  it('throws on a target that does not fit the action, since that is a caller bug', () => {
    expect(() => decide('DELETE_NUMBER', PEOPLE.owner, { kind: 'none' })).toThrow(
      /DELETE_NUMBER is decided on a 'number' target/,
    );
    expect(() => decide('DELETE_NUMBER', PEOPLE.desk, { kind: 'unit', unit: 'EP' })).toThrow(Error);
  });
});
