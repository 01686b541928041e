import { DomainErrorCode } from './domain-error';
import type { NumberType } from './number-type';

/** Everything a person can ask the portal to do (docs/domain.md §4, §5). */
export const PortalAction = {
  REQUEST_PERSONAL_NUMBER: 'REQUEST_PERSONAL_NUMBER',
  SET_PHONEBOOK_LISTING: 'SET_PHONEBOOK_LISTING',
  TURN_TO_SHARED: 'TURN_TO_SHARED',
  DELETE_NUMBER: 'DELETE_NUMBER',
  REQUEST_SHARED_NUMBER: 'REQUEST_SHARED_NUMBER',
  CHANGE_DESCRIPTION: 'CHANGE_DESCRIPTION',
  CHANGE_OWNER: 'CHANGE_OWNER',
  ACCEPT_OWNERSHIP: 'ACCEPT_OWNERSHIP',
  EDIT_MANAGERS: 'EDIT_MANAGERS',
  MIGRATE_LEGACY: 'MIGRATE_LEGACY',
  REGISTER_PHONE: 'REGISTER_PHONE',
  UNREGISTER_PHONE: 'UNREGISTER_PHONE',
  PAIR_D60: 'PAIR_D60',
  /** Sandbox only: simulate the phone's boot (simulatePhoneBoot). */
  BOOT_PHONE: 'BOOT_PHONE',
  VIEW_REQUEST: 'VIEW_REQUEST',
  CANCEL_REQUEST: 'CANCEL_REQUEST',
  RESOLVE_REQUEST: 'RESOLVE_REQUEST',
  VIEW_DESK_QUEUE: 'VIEW_DESK_QUEUE',
  RECONCILE: 'RECONCILE',
  ACT_ON_BEHALF: 'ACT_ON_BEHALF',
  SCHEDULE_CAMPAIGN: 'SCHEDULE_CAMPAIGN',
  IMPORT_LEGACY_INVENTORY: 'IMPORT_LEGACY_INVENTORY',
} as const;
export type PortalAction = (typeof PortalAction)[keyof typeof PortalAction];

/** The person asking, as the API knows them. */
export interface Actor {
  login: string;
  eligible: boolean;
  /** Written for the person (see decideEligibility); shown when they may not start anything. */
  ineligibleReason?: string;
  /** Which refusal: NOT_ELIGIBLE (the default), or UNKNOWN_PERSON when the directory has no such login. */
  ineligibleCode?: typeof DomainErrorCode.NOT_ELIGIBLE | typeof DomainErrorCode.UNKNOWN_PERSON;
  /**
   * The service desk acts on someone's behalf: `eligible` is that person's, and what the desk starts
   * is their request, so it needs them to be eligible like any request of theirs (docs/domain.md §2).
   */
  actsForSomeoneElse?: boolean;
  isServiceDesk: boolean;
  /** Units whose migration campaigns this person administers. */
  unitAdminOf: readonly string[];
}

export interface NumberTarget {
  number: string;
  type: NumberType;
  /** Null while a shared number waits for a new owner. */
  ownerLogin: string | null;
  /** Logins in the managers e-group (shared numbers only). */
  managers: readonly string[];
}

export interface RequestTarget {
  /** Whose request it is. */
  requester: string;
  /** Who made it: the requester, or someone acting for them. */
  actor: string;
}

export type Target =
  | { kind: 'none' }
  | { kind: 'number'; number: NumberTarget }
  | { kind: 'request'; request: RequestTarget }
  | { kind: 'unit'; unit: string }
  | { kind: 'ownership-offer'; proposedOwner: string };
export type TargetKind = Target['kind'];

export type Decision = { allowed: true } | { allowed: false; code: DomainErrorCode; reason: string };

/** Who may do an action, relative to its target. */
type Who =
  | 'authorised' // any eligible person
  | 'owner' // the number's owner
  | 'owner-or-manager' // its owner or a member of its managers e-group
  | 'requester-or-actor' // whose request it is, or who made it for them
  | 'proposed-owner' // the person ownership was offered to; the desk may not accept for them
  | 'unit-admin' // an administrator of the unit
  | 'desk'; // the service desk only

/** The action makes no sense on this kind of number, whoever asks. */
interface NotApplicable {
  notApplicable: (number: string) => string;
}

interface Rule {
  target: TargetKind | 'any';
  /** For number actions, per number type. */
  who: Who | { PERSONAL: Who | NotApplicable; SHARED: Who | NotApplicable };
  /** Ineligible people may look at and stop their own requests; they may not start anything. */
  openToIneligible?: true;
  /** Completes "can …" in refusals. */
  does: string;
}

const onlyShared = (what: string): NotApplicable => ({
  notApplicable: (number) =>
    `${number} is a personal number, so it has no ${what}. Turn it into a shared number first.`,
});
const alreadyShared: NotApplicable = { notApplicable: (number) => `${number} is already a shared number.` };
const phones = { PERSONAL: 'owner', SHARED: 'owner-or-manager' } as const;

// docs/domain.md §4: the whole authorisation policy. The service desk may do all of it (see decide).
// prettier-ignore
const RULES: Readonly<Record<PortalAction, Rule>> = {
  REQUEST_PERSONAL_NUMBER: { target: 'none',   who: 'authorised', does: 'request a personal number' },
  REQUEST_SHARED_NUMBER:   { target: 'none',   who: 'authorised', does: 'request a shared number' },
  // Which legacy numbers are the person's own is decided by migrationOptions (legacy-migration.ts).
  MIGRATE_LEGACY:          { target: 'none',   who: 'authorised', does: 'migrate a legacy number' },

  SET_PHONEBOOK_LISTING:   { target: 'number', who: { PERSONAL: 'owner',                        SHARED: 'owner-or-manager' }, does: 'change its phonebook listing' },
  TURN_TO_SHARED:          { target: 'number', who: { PERSONAL: 'owner',                        SHARED: alreadyShared },     does: 'turn it into a shared number' },
  DELETE_NUMBER:           { target: 'number', who: { PERSONAL: 'owner',                        SHARED: 'owner' },           does: 'delete it' },
  CHANGE_DESCRIPTION:      { target: 'number', who: { PERSONAL: onlyShared('description'),      SHARED: 'owner-or-manager' }, does: 'change its description' },
  CHANGE_OWNER:            { target: 'number', who: { PERSONAL: onlyShared('owner to change'),  SHARED: 'owner-or-manager' }, does: 'propose a new owner for it' },
  EDIT_MANAGERS:           { target: 'number', who: { PERSONAL: onlyShared('managers e-group'), SHARED: 'owner' },           does: 'edit its managers e-group' },
  REGISTER_PHONE:          { target: 'number', who: phones, does: 'register a phone on it' },
  UNREGISTER_PHONE:        { target: 'number', who: phones, does: 'unregister its phone' },
  PAIR_D60:                { target: 'number', who: phones, does: 'pair a D60 base with its phone' },
  BOOT_PHONE:              { target: 'number', who: phones, does: 'boot its phone' },

  ACCEPT_OWNERSHIP:        { target: 'ownership-offer', who: 'proposed-owner', does: 'accept this ownership offer' },
  VIEW_REQUEST:            { target: 'request', who: 'requester-or-actor', openToIneligible: true, does: 'see this request' },
  // Stopping one's own request starts nothing new, so it stays open to people who are no longer eligible.
  CANCEL_REQUEST:          { target: 'request', who: 'requester-or-actor', openToIneligible: true, does: 'cancel this request' },
  SCHEDULE_CAMPAIGN:       { target: 'unit',    who: 'unit-admin', does: 'schedule a migration campaign for it' },

  RESOLVE_REQUEST:         { target: 'request', who: 'desk', does: 'retry, compensate or skip a step of a request' },
  VIEW_DESK_QUEUE:         { target: 'none',    who: 'desk', does: 'see the queue of stuck requests' },
  RECONCILE:               { target: 'none',    who: 'desk', does: 'compare the inventory with the systems and repair drift' },
  ACT_ON_BEHALF:           { target: 'any',     who: 'desk', does: 'act on behalf of another person' },
  IMPORT_LEGACY_INVENTORY: { target: 'none',    who: 'desk', does: "import a site's legacy inventory" },
};

const ALLOWED: Decision = { allowed: true };

function deny(code: DomainErrorCode, reason: string): Decision {
  return { allowed: false, code, reason };
}

function same(a: string | null, b: string): boolean {
  return a !== null && a.trim().toLowerCase() === b.trim().toLowerCase();
}

function managersGroup(number: string): string {
  return `phone-mngr-${number}`;
}

function whoMay(rule: Rule, target: Target): Who | NotApplicable {
  if (typeof rule.who === 'string') return rule.who;
  // The rule table pairs per-type rules with number targets only (checked in decide).
  if (target.kind !== 'number') throw new Error('per-type rule on a target that is not a number');
  return rule.who[target.number.type];
}

function isParty(who: Who, actor: Actor, target: Target): boolean {
  switch (who) {
    case 'authorised':
      return true;
    case 'owner':
      return target.kind === 'number' && same(target.number.ownerLogin, actor.login);
    case 'owner-or-manager':
      return (
        target.kind === 'number' &&
        (same(target.number.ownerLogin, actor.login) ||
          target.number.managers.some((m) => same(m, actor.login)))
      );
    case 'requester-or-actor':
      return (
        target.kind === 'request' &&
        (same(target.request.requester, actor.login) || same(target.request.actor, actor.login))
      );
    case 'proposed-owner':
      return target.kind === 'ownership-offer' && same(target.proposedOwner, actor.login);
    case 'unit-admin':
      return (
        target.kind === 'unit' &&
        actor.unitAdminOf.some((unit) => unit.trim().toUpperCase() === target.unit.trim().toUpperCase())
      );
    case 'desk':
      return actor.isServiceDesk;
  }
}

/** The refusal for someone who is not the right person; every reason names whom to ask. */
function refuse(who: Who, rule: Rule, actor: Actor, target: Target): Decision {
  if (target.kind === 'number') {
    const { number, ownerLogin, managers } = target.number;
    const group = managersGroup(number);
    if (who === 'owner') {
      const isManager = managers.some((m) => same(m, actor.login));
      return deny(
        DomainErrorCode.NOT_OWNER,
        ownerLogin === null
          ? `${number} has no owner at the moment, and only its owner can ${rule.does}. Contact the service desk.`
          : `Only the owner of ${number}, ${ownerLogin}, can ${rule.does}${isManager ? `; members of ${group} cannot` : ''}. Ask ${ownerLogin}.`,
      );
    }
    if (who === 'owner-or-manager') {
      return deny(
        DomainErrorCode.NOT_MANAGER,
        ownerLogin === null
          ? `Only members of ${group} can ${rule.does} while ${number} has no owner. Ask one of them, or contact the service desk.`
          : `Only the owner of ${number}, ${ownerLogin}, and members of ${group} can ${rule.does}. Ask ${ownerLogin} to do it or to add you to ${group}.`,
      );
    }
  }
  if (target.kind === 'request' && who === 'requester-or-actor') {
    const { requester, actor: madeBy } = target.request;
    const alsoMadeBy = same(madeBy, requester) ? '' : `, ${madeBy} who made it for them,`;
    return deny(
      DomainErrorCode.NOT_OWNER,
      `This request is ${requester}'s: only ${requester}${alsoMadeBy} and the service desk can ${rule.does}. Ask ${requester}.`,
    );
  }
  if (target.kind === 'ownership-offer' && who === 'proposed-owner') {
    const p = target.proposedOwner;
    const desk = actor.isServiceDesk ? '; the service desk cannot accept it for them' : '';
    return deny(
      DomainErrorCode.NOT_OWNER,
      `Ownership was offered to ${p}: only ${p} can accept it${desk}. Ask ${p} to accept, or ask the owner to offer it to you instead.`,
    );
  }
  if (target.kind === 'unit' && who === 'unit-admin') {
    return deny(
      DomainErrorCode.FORBIDDEN,
      `Only administrators of unit ${target.unit} can ${rule.does}. Ask your unit's administrator or the service desk.`,
    );
  }
  return deny(
    DomainErrorCode.FORBIDDEN,
    `Only the service desk can ${rule.does}. Contact the service desk if you need it done.`,
  );
}

const DEFAULT_INELIGIBLE_REASON =
  "You are not authorised to use the phone service. Ask your department's administrative officer if you believe this is wrong.";

/**
 * Whether `actor` may do `action` on `target` (docs/domain.md §4). Rules in this order: the action must
 * make sense on the target; desk-only actions are decided by the role alone; ineligible people (and
 * the desk acting for one) may not start anything; the service desk may then do anything (their
 * acting for a user is audited by the caller); finally the actor must be the right person.
 */
export function decide(action: PortalAction, actor: Actor, target: Target): Decision {
  const rule = RULES[action];
  if (rule.target !== 'any' && rule.target !== target.kind) {
    // A caller bug, not something a person can cause.
    throw new Error(`${action} is decided on a '${rule.target}' target, not '${target.kind}'`);
  }
  const who = whoMay(rule, target);
  if (typeof who !== 'string') {
    const number = target.kind === 'number' ? target.number.number : '';
    return deny(DomainErrorCode.INVALID_STATE, who.notApplicable(number));
  }
  if (who === 'desk') return actor.isServiceDesk ? ALLOWED : refuse(who, rule, actor, target);
  // The desk working as itself is not judged on eligibility; acting for someone, it starts that
  // person's request, which they must be eligible for.
  const judged = !actor.isServiceDesk || actor.actsForSomeoneElse === true;
  if (judged && !actor.eligible && !rule.openToIneligible) {
    return deny(
      actor.ineligibleCode ?? DomainErrorCode.NOT_ELIGIBLE,
      actor.ineligibleReason ?? DEFAULT_INELIGIBLE_REASON,
    );
  }
  // Accepting ownership is the new owner's own commitment, so the desk cannot give it for them.
  if (actor.isServiceDesk && who !== 'proposed-owner') return ALLOWED;
  return isParty(who, actor, target) ? ALLOWED : refuse(who, rule, actor, target);
}
