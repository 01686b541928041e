import { Injectable } from '@nestjs/common';
import { NEW_PERSONAL_NUMBER } from '../../../../libs/contracts/new-personal-number';
import { RequestKind } from '../../../../libs/contracts/request-kind';
import { workflowIds } from '../../../../libs/contracts/workflow-ids';
import { DomainError, DomainErrorCode } from '../../../../libs/domain/domain-error';
import type { PhoneNumberEntity, RequestEntity } from '../../../../libs/persistence/entities';
import { RequestLauncher } from '../../../../libs/requests/request-launcher';
import { lockKeys } from '../../../../libs/requests/resource-locks';
import { NumberQueries } from '../../../../libs/systems/inventory/number-queries';
import { PeopleService } from '../common/people.service';

@Injectable()
export class PersonalNumberService {
  constructor(
    private readonly people: PeopleService,
    private readonly numbers: NumberQueries,
    private readonly launcher: RequestLauncher,
  ) {}

  async findPersonalNumber(login: string): Promise<PhoneNumberEntity | null> {
    return this.numbers.personalNumberOf(login);
  }

  /** Checks the rules, then starts the workflow and returns the accepted request at once. */
  async request(login: string, actor: string): Promise<RequestEntity> {
    await this.people.requireEligible(login);
    const existing = await this.findPersonalNumber(login);
    if (existing) {
      throw new DomainError(
        DomainErrorCode.ALREADY_HAS_PERSONAL_NUMBER,
        `You already have the personal number ${existing.number}; a person may have only one. Use it, or delete it before asking for another.`,
      );
    }
    return this.launcher.launch({
      kind: RequestKind.NEW_PERSONAL_NUMBER,
      workflowType: NEW_PERSONAL_NUMBER,
      workflowId: workflowIds.personalNumber(login),
      locks: [lockKeys.personalNumberOf(login)],
      requester: login,
      actor,
      input: (common) => common,
    });
  }
}
