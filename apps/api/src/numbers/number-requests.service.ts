import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import type { AppConfig } from '../../../../libs/config/app-config';
import { APP_CONFIG } from '../../../../libs/config/config.module';
import {
  newSharedNumberLock,
  numberWorkflowIds,
  NumberRequestKind,
  NumberWorkflow,
  respondToOwnershipUpdate,
  type ChangeDescriptionInput,
  type ChangeOwnerInput,
  type DeleteNumberInput,
  type NewSharedNumberInput,
  type SetManagersInput,
  type SetPhonebookListingInput,
  type TurnToSharedInput,
} from '../../../../libs/contracts/numbers';
import type { RequestInput } from '../../../../libs/contracts/request-input';
import type { RequestKind } from '../../../../libs/contracts/request-kind';
import { workflowIds } from '../../../../libs/contracts/workflow-ids';
import { DomainError, DomainErrorCode } from '../../../../libs/domain/domain-error';
import { decideEligibility } from '../../../../libs/domain/eligibility';
import { quarantineEnds } from '../../../../libs/domain/lifecycle';
import { PortalAction } from '../../../../libs/domain/permissions';
import { cleanText, TextField } from '../../../../libs/domain/text-input';
import type { PhoneNumberEntity, RequestEntity } from '../../../../libs/persistence/entities';
import { RequestLauncher } from '../../../../libs/requests/request-launcher';
import { RequestStore } from '../../../../libs/requests/request-store';
import { lockKeys } from '../../../../libs/requests/resource-locks';
import { OwnershipOfferQueries } from '../../../../libs/systems/inventory/ownership-offer-queries';
import { PhoneQueries } from '../../../../libs/systems/inventory/phone-queries';
import type { Caller } from '../auth/viewer';
import { PeopleService } from '../common/people.service';
import { PermissionService } from '../common/permission.service';
import { TemporalClientHolder } from '../../../../libs/temporal/temporal-client.provider';
import { NumberAccessService } from './number-access.service';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The number mutations: rules and clean input first, then the locks and the workflow (at once). */
@Injectable()
export class NumberRequestsService {
  constructor(
    private readonly access: NumberAccessService,
    private readonly permissions: PermissionService,
    private readonly people: PeopleService,
    private readonly launcher: RequestLauncher,
    private readonly requests: RequestStore,
    private readonly temporal: TemporalClientHolder,
    private readonly phones: PhoneQueries,
    private readonly offers: OwnershipOfferQueries,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async requestSharedNumber(caller: Caller, description: string, managers: string[]): Promise<RequestEntity> {
    await this.permissions.require(PortalAction.REQUEST_SHARED_NUMBER, caller);
    const input = {
      description: this.access.description(description),
      managers: await this.access.managers(managers),
    };
    const key = randomUUID();
    return this.launcher.launch({
      kind: NumberRequestKind.NEW_SHARED_NUMBER,
      workflowType: NumberWorkflow.NEW_SHARED_NUMBER,
      workflowId: numberWorkflowIds.newSharedNumber(key),
      locks: [newSharedNumberLock(key)],
      requester: caller.login,
      actor: caller.actor,
      input: (common): NewSharedNumberInput => ({ ...common, ...input }),
    });
  }

  async setPhonebookListing(caller: Caller, typed: string, listed: boolean): Promise<RequestEntity> {
    const entity = await this.access.numberFor(PortalAction.SET_PHONEBOOK_LISTING, caller, typed);
    return this.launch(caller, entity, {
      kind: NumberRequestKind.SET_PHONEBOOK_LISTING,
      workflowType: NumberWorkflow.SET_PHONEBOOK_LISTING,
      input: (common): SetPhonebookListingInput => ({ ...common, number: entity.number, listed }),
    });
  }

  async turnToShared(
    caller: Caller,
    typed: string,
    description: string,
    managers: string[],
  ): Promise<RequestEntity> {
    const entity = await this.access.numberFor(PortalAction.TURN_TO_SHARED, caller, typed);
    const clean = {
      description: this.access.description(description),
      managers: await this.access.managers(managers),
    };
    return this.launch(caller, entity, {
      kind: NumberRequestKind.TURN_TO_SHARED,
      workflowType: NumberWorkflow.TURN_TO_SHARED,
      // The owner's personal slot too: once shared, they may ask for a new personal number.
      locks: [lockKeys.personalNumberOf(entity.ownerLogin!)],
      // The owner stays the owner, even when the service desk does it for them.
      requester: entity.ownerLogin!,
      input: (common): TurnToSharedInput => ({ ...common, number: entity.number, ...clean }),
    });
  }

  async changeDescription(caller: Caller, typed: string, description: string): Promise<RequestEntity> {
    const entity = await this.access.numberFor(PortalAction.CHANGE_DESCRIPTION, caller, typed);
    const clean = this.access.description(description);
    return this.launch(caller, entity, {
      kind: NumberRequestKind.CHANGE_DESCRIPTION,
      workflowType: NumberWorkflow.CHANGE_DESCRIPTION,
      input: (common): ChangeDescriptionInput => ({ ...common, number: entity.number, description: clean }),
    });
  }

  async setManagers(caller: Caller, typed: string, members: string[]): Promise<RequestEntity> {
    const entity = await this.access.numberFor(PortalAction.EDIT_MANAGERS, caller, typed);
    const managers = await this.access.managers(members);
    return this.launch(caller, entity, {
      kind: NumberRequestKind.SET_MANAGERS,
      workflowType: NumberWorkflow.SET_MANAGERS,
      input: (common): SetManagersInput => ({ ...common, number: entity.number, managers }),
    });
  }

  async proposeOwner(caller: Caller, typed: string, newOwnerTyped: string): Promise<RequestEntity> {
    const entity = await this.access.numberFor(PortalAction.CHANGE_OWNER, caller, typed);
    const newOwner = cleanText(newOwnerTyped, TextField.LOGIN);
    if (entity.ownerLogin === newOwner) {
      throw new DomainError(
        DomainErrorCode.INVALID_INPUT,
        `New owner: ${newOwner} already owns ${entity.number}.`,
      );
    }
    const person = await this.people.lookUp(newOwner);
    if (!person) {
      throw new DomainError(
        DomainErrorCode.UNKNOWN_PERSON,
        `New owner: the directory has no person ${newOwner}. Check the login, or propose someone else.`,
      );
    }
    const decision = decideEligibility(person, new Date(), this.config.eligibility);
    if (!decision.eligible) {
      throw new DomainError(
        DomainErrorCode.NOT_ELIGIBLE,
        `${newOwner} cannot own a number: ${decision.reason} Propose someone else.`,
      );
    }
    return this.launch(caller, entity, {
      kind: NumberRequestKind.CHANGE_OWNER,
      workflowType: NumberWorkflow.CHANGE_OWNER,
      input: (common): ChangeOwnerInput => ({
        ...common,
        number: entity.number,
        newOwner,
        acceptanceTimeoutMs: this.config.timers.approvalTimeoutMs,
      }),
    });
  }

  async deleteNumber(caller: Caller, typed: string): Promise<RequestEntity> {
    const entity = await this.access.numberFor(PortalAction.DELETE_NUMBER, caller, typed);
    const phones = await this.phones.livePhonesOn([entity.number]);
    const quarantineUntil = quarantineEnds(new Date(), {
      quarantineDays: this.config.lifecycle.quarantineDays,
    });
    return this.launch(caller, entity, {
      kind: NumberRequestKind.DELETE_NUMBER,
      workflowType: NumberWorkflow.DELETE_NUMBER,
      // Its phones are unregistered first: nobody else may act on them meanwhile.
      locks: phones.map((phone) => lockKeys.mac(phone.mac)),
      input: (common): DeleteNumberInput => ({
        ...common,
        number: entity.number,
        quarantineUntil: quarantineUntil.toISOString(),
      }),
    });
  }

  /** The proposed owner's answer, checked here (only them) and again by the workflow. */
  async respondToOwnership(caller: Caller, requestId: string, accept: boolean): Promise<RequestEntity> {
    const notFound = new DomainError(
      DomainErrorCode.NOT_FOUND,
      `There is no ownership offer ${requestId.slice(0, 64)} for you. Check your list of offers.`,
    );
    if (!UUID.test(requestId)) throw notFound;
    const offer = await this.offers.ofRequest(requestId);
    const request = offer ? await this.requests.find(requestId) : null;
    if (!offer || !request) throw notFound;
    await this.permissions.require(PortalAction.ACCEPT_OWNERSHIP, caller, {
      kind: 'ownership-offer',
      proposedOwner: offer.proposedOwner,
    });
    const closed = new DomainError(
      DomainErrorCode.INVALID_STATE,
      `The offer to own ${offer.number} is no longer open (${(offer.outcome ?? 'closed').toLowerCase()}). Nothing was changed.`,
    );
    if (offer.outcome !== null) throw closed;
    try {
      await this.temporal.client.workflow
        .getHandle(request.workflowId, request.runId ?? undefined)
        .executeUpdate(respondToOwnershipUpdate, { args: [{ login: caller.login, accept }] });
    } catch (error) {
      if (error instanceof WorkflowUpdateFailedError) throw closed;
      throw error;
    }
    return request;
  }

  private async launch(
    caller: Caller,
    entity: PhoneNumberEntity,
    spec: {
      kind: RequestKind;
      workflowType: string;
      locks?: string[];
      requester?: string;
      input: (common: RequestInput) => RequestInput;
    },
  ): Promise<RequestEntity> {
    return this.launcher.launch({
      kind: spec.kind,
      workflowType: spec.workflowType,
      workflowId: workflowIds.number(entity.number),
      locks: [lockKeys.number(entity.number), ...(spec.locks ?? [])],
      requester: spec.requester ?? caller.login,
      actor: caller.actor,
      subject: entity.number,
      input: spec.input,
    });
  }
}
