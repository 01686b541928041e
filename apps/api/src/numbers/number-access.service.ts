import { Injectable } from '@nestjs/common';
import { DomainError, DomainErrorCode } from '../../../../libs/domain/domain-error';
import { NumberState } from '../../../../libs/domain/number-state';
import type { PortalAction } from '../../../../libs/domain/permissions';
import { cleanText, parseExtension, TextField } from '../../../../libs/domain/text-input';
import type { PhoneNumberEntity } from '../../../../libs/persistence/entities';
import { NumberQueries } from '../../../../libs/systems/inventory/number-queries';
import type { Caller } from '../auth/viewer';
import { PeopleService } from '../common/people.service';
import { PermissionService } from '../common/permission.service';

/** At most this many managers per e-group from the portal; bigger groups are managed in the directory. */
export const MAX_MANAGERS = 50;

const same = (a: string | null, b: string) => a !== null && a.toLowerCase() === b.toLowerCase();

/**
 * Finds the number a caller acts on and applies the domain's permission rules. Someone who is
 * neither its owner, nor a manager, nor the service desk learns only that it is not theirs: the
 * refusal names nobody, so a personal number's owner is never revealed.
 */
@Injectable()
export class NumberAccessService {
  constructor(
    private readonly numbers: NumberQueries,
    private readonly permissions: PermissionService,
    private readonly people: PeopleService,
  ) {}

  async numberFor(action: PortalAction, caller: Caller, typed: string): Promise<PhoneNumberEntity> {
    const number = parseExtension(typed);
    const entity = await this.numbers.find(number);
    if (!entity) {
      throw new DomainError(
        DomainErrorCode.NOT_FOUND,
        `There is no number ${number}. Check the number in your list of numbers.`,
      );
    }
    const target = await this.permissions.numberTarget(entity);
    if (target.kind !== 'number') throw new Error('numberTarget always describes a number');
    const { ownerLogin, managers, type } = target.number;
    const party =
      caller.isServiceDesk || same(ownerLogin, caller.login) || managers.some((m) => same(m, caller.login));
    // A listed shared number's owner is public (the phonebook shows whom to ask); anything else is not.
    const speaksForItself = party || (type === 'SHARED' && entity.inPhonebook && entity.state === 'ACTIVE');
    if (!speaksForItself) {
      throw new DomainError(
        DomainErrorCode.NOT_OWNER,
        `${number} is not one of your numbers: only its owner${type === 'SHARED' ? ' and its managers' : ''} can change it. Pick one of your numbers, or ask the service desk.`,
      );
    }
    await this.permissions.require(action, caller, target);
    if (entity.state !== NumberState.ACTIVE) {
      throw new DomainError(
        DomainErrorCode.INVALID_STATE,
        `${number} is ${entity.state.toLowerCase().replace('_', ' ')} at the moment, so it cannot be changed. Try again once it is active, or ask the service desk.`,
      );
    }
    return entity;
  }

  /** Cleans a description; DESCRIPTION_REQUIRED when empty, INVALID_INPUT otherwise. */
  description(typed: string): string {
    return cleanText(typed, TextField.DESCRIPTION);
  }

  /** Cleans and checks a list of manager logins; the refusal names the logins the directory lacks. */
  async managers(typed: readonly string[]): Promise<string[]> {
    if (typed.length > MAX_MANAGERS) {
      throw new DomainError(
        DomainErrorCode.INVALID_INPUT,
        `Managers: ${typed.length} is too many; the portal takes at most ${MAX_MANAGERS}. Use the directory for bigger e-groups.`,
      );
    }
    const logins = [...new Set(typed.map((login) => cleanText(login, TextField.LOGIN)))];
    const found = await Promise.all(logins.map((login) => this.people.lookUp(login)));
    const missing = logins.filter((_, i) => !found[i]);
    if (missing.length > 0) {
      throw new DomainError(
        DomainErrorCode.INVALID_INPUT,
        `Managers: the directory has no ${missing.length === 1 ? 'person' : 'people'} ${missing.join(', ')}. Check the logins.`,
      );
    }
    return logins.sort();
  }
}
