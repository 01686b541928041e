import { Inject, Injectable } from '@nestjs/common';
import { DomainError } from '../../../../libs/domain/domain-error';
import {
  decide,
  type Actor,
  type NumberTarget,
  type PortalAction,
  type Target,
} from '../../../../libs/domain/permissions';
import type { PhoneNumberEntity } from '../../../../libs/persistence/entities';
import { DIRECTORY_PORT, type DirectoryPort } from '../../../../libs/systems/directory/directory.port';
import type { Caller } from '../auth/viewer';
import { PeopleService } from './people.service';

/**
 * Applies the domain's permission rules (libs/domain/permissions.ts) to a caller: works out who
 * they are (eligibility from the directory, roles from e-groups) and refuses with the rule's code.
 */
@Injectable()
export class PermissionService {
  constructor(
    private readonly people: PeopleService,
    @Inject(DIRECTORY_PORT) private readonly directory: DirectoryPort,
  ) {}

  /** The actor as the rules see them: the real actor's roles; eligibility of the person acted for. */
  async actorFor(caller: Caller): Promise<Actor> {
    const verdict = await this.people.judge(caller.login);
    return {
      login: caller.onBehalf ? caller.actor : caller.login,
      eligible: verdict.eligible,
      ineligibleReason: verdict.eligible ? undefined : verdict.reason,
      ineligibleCode: verdict.eligible ? undefined : verdict.code,
      actsForSomeoneElse: caller.onBehalf,
      isServiceDesk: caller.isServiceDesk,
      unitAdminOf: caller.unitAdminOf,
    };
  }

  /** Throws the rule's DomainError when the caller may not do the action on the target. */
  async require(action: PortalAction, caller: Caller, target: Target = { kind: 'none' }): Promise<void> {
    const decision = decide(action, await this.actorFor(caller), target);
    if (!decision.allowed) throw new DomainError(decision.code, decision.reason);
  }

  /** A number as the rules see it, with the members of its managers e-group. */
  async numberTarget(number: PhoneNumberEntity): Promise<Target> {
    const managers = number.managersGroup
      ? ((await this.directory.groupMembers(number.managersGroup)) ?? [])
      : [];
    const target: NumberTarget = {
      number: number.number,
      type: number.type === 'SHARED' ? 'SHARED' : 'PERSONAL',
      ownerLogin: number.ownerLogin,
      managers,
    };
    return { kind: 'number', number: target };
  }
}
