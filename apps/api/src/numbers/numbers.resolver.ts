import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CurrentCaller } from '../auth/current-viewer.decorator';
import type { Caller } from '../auth/viewer';
import { RequestModel } from '../requests/request.model';
import { RequestViewService } from '../requests/request-view.service';
import { NumberQueriesService } from './number-queries.service';
import { NumberRequestsService } from './number-requests.service';
import {
  OwnershipOfferModel,
  PersonalNumberModel,
  SharedNumberModel,
  SoftphoneNumbersModel,
} from './numbers.model';

const NUMBER = { description: 'A 5-digit internal number, e.g. 65001.' };

/** Personal and shared numbers: what you have, and every change to them (each one a request). */
@Resolver()
export class NumbersResolver {
  constructor(
    private readonly queries: NumberQueriesService,
    private readonly numbers: NumberRequestsService,
    private readonly views: RequestViewService,
  ) {}

  @Query(() => PersonalNumberModel, { nullable: true, description: 'Your personal number, if you have one.' })
  myPersonalNumber(@CurrentCaller() caller: Caller): Promise<PersonalNumberModel | null> {
    return this.queries.personalNumber(caller.login);
  }

  @Query(() => [SharedNumberModel], { description: 'The shared numbers you own or help manage.' })
  mySharedNumbers(@CurrentCaller() caller: Caller): Promise<SharedNumberModel[]> {
    return this.queries.sharedNumbers(caller.login);
  }

  @Query(() => [OwnershipOfferModel], {
    description: 'Shared numbers you are asked to own; accept or refuse.',
  })
  myOwnershipOffers(@CurrentCaller() caller: Caller): Promise<OwnershipOfferModel[]> {
    return this.queries.ownershipOffers(caller.login);
  }

  @Query(() => SoftphoneNumbersModel, {
    description: 'The active numbers you may register a softphone with.',
  })
  softphoneNumbers(@CurrentCaller() caller: Caller): Promise<SoftphoneNumbersModel> {
    return this.queries.softphoneNumbers(caller.login);
  }

  @Mutation(() => RequestModel, {
    description: 'Asks for a new shared number (you become its owner). The description is required.',
  })
  async requestSharedNumber(
    @CurrentCaller() caller: Caller,
    @Args('description') description: string,
    @Args('managers', {
      type: () => [String],
      defaultValue: [],
      description: 'Logins of the managers e-group.',
    })
    managers: string[],
  ): Promise<RequestModel> {
    return this.views.accepted(await this.numbers.requestSharedNumber(caller, description, managers));
  }

  @Mutation(() => RequestModel, { description: 'Adds the number to the phonebook, or removes it.' })
  async setPhonebookListing(
    @CurrentCaller() caller: Caller,
    @Args('number', NUMBER) number: string,
    @Args('listed') listed: boolean,
  ): Promise<RequestModel> {
    return this.views.accepted(await this.numbers.setPhonebookListing(caller, number, listed));
  }

  @Mutation(() => RequestModel, {
    description: 'Turns your personal number into a shared one; the line keeps working.',
  })
  async turnToShared(
    @CurrentCaller() caller: Caller,
    @Args('number', NUMBER) number: string,
    @Args('description') description: string,
    @Args('managers', { type: () => [String], defaultValue: [] }) managers: string[],
  ): Promise<RequestModel> {
    return this.views.accepted(await this.numbers.turnToShared(caller, number, description, managers));
  }

  @Mutation(() => RequestModel, { description: "Changes a shared number's description." })
  async changeDescription(
    @CurrentCaller() caller: Caller,
    @Args('number', NUMBER) number: string,
    @Args('description') description: string,
  ): Promise<RequestModel> {
    return this.views.accepted(await this.numbers.changeDescription(caller, number, description));
  }

  @Mutation(() => RequestModel, { description: "Sets the members of a shared number's managers e-group." })
  async setManagers(
    @CurrentCaller() caller: Caller,
    @Args('number', NUMBER) number: string,
    @Args('members', { type: () => [String] }) members: string[],
  ): Promise<RequestModel> {
    return this.views.accepted(await this.numbers.setManagers(caller, number, members));
  }

  @Mutation(() => RequestModel, {
    description: 'Proposes a new owner for a shared number; they must accept (respondToOwnership).',
  })
  async proposeOwner(
    @CurrentCaller() caller: Caller,
    @Args('number', NUMBER) number: string,
    @Args('newOwner', { description: 'Login of the proposed owner.' }) newOwner: string,
  ): Promise<RequestModel> {
    return this.views.accepted(await this.numbers.proposeOwner(caller, number, newOwner));
  }

  @Mutation(() => RequestModel, { description: 'Accepts or refuses an offer to own a shared number.' })
  async respondToOwnership(
    @CurrentCaller() caller: Caller,
    @Args('requestId', { type: () => ID }) requestId: string,
    @Args('accept') accept: boolean,
  ): Promise<RequestModel> {
    return this.views.view(await this.numbers.respondToOwnership(caller, requestId, accept));
  }

  @Mutation(() => RequestModel, {
    description: 'Deletes a number (owner only); it is quarantined before reuse.',
  })
  async deleteNumber(
    @CurrentCaller() caller: Caller,
    @Args('number', NUMBER) number: string,
  ): Promise<RequestModel> {
    return this.views.accepted(await this.numbers.deleteNumber(caller, number));
  }
}
