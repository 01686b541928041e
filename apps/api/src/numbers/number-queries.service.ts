import { Inject, Injectable } from '@nestjs/common';
import { managersGroupOf } from '../../../../libs/contracts/numbers';
import { NumberState } from '../../../../libs/domain/number-state';
import { DIRECTORY_PORT, type DirectoryPort } from '../../../../libs/systems/directory/directory.port';
import { NumberQueries } from '../../../../libs/systems/inventory/number-queries';
import { OwnershipOfferQueries } from '../../../../libs/systems/inventory/ownership-offer-queries';
import {
  NumberRole,
  type OwnershipOfferModel,
  type PersonalNumberModel,
  type SharedNumberModel,
  type SoftphoneNumbersModel,
} from './numbers.model';

const MANAGERS_GROUP_PREFIX = managersGroupOf('');

/** What a person sees of their numbers; only their own, never anyone else's. */
@Injectable()
export class NumberQueriesService {
  constructor(
    private readonly numbers: NumberQueries,
    private readonly offers: OwnershipOfferQueries,
    @Inject(DIRECTORY_PORT) private readonly directory: DirectoryPort,
  ) {}

  async personalNumber(login: string): Promise<PersonalNumberModel | null> {
    const row = await this.numbers.personalNumberOf(login);
    return row ? { number: row.number, state: row.state, inPhonebook: row.inPhonebook } : null;
  }

  /** Shared numbers the person owns, or manages through a `phone-mngr-…` e-group they belong to. */
  async sharedNumbers(login: string): Promise<SharedNumberModel[]> {
    const groups = (await this.directory.groupsOf(login)).filter((g) => g.startsWith(MANAGERS_GROUP_PREFIX));
    const rows = await this.numbers.sharedNumbersOf(login, groups);
    return Promise.all(
      rows.map(async (row) => ({
        number: row.number,
        description: row.description ?? undefined,
        owner: row.ownerLogin ?? undefined,
        managersGroup: row.managersGroup
          ? { name: row.managersGroup, members: (await this.directory.groupMembers(row.managersGroup)) ?? [] }
          : undefined,
        inPhonebook: row.inPhonebook,
        myRole: row.ownerLogin === login ? NumberRole.OWNER : NumberRole.MANAGER,
        state: row.state,
      })),
    );
  }

  /** Open offers to the person that have not lapsed. */
  async ownershipOffers(login: string): Promise<OwnershipOfferModel[]> {
    const offers = await this.offers.openOffersTo(login, new Date());
    const numbers = await this.numbers.findMany(offers.map((o) => o.number));
    return offers.map((offer) => {
      const number = numbers.find((n) => n.number === offer.number);
      return {
        requestId: offer.requestId,
        number: offer.number,
        description: number?.description ?? undefined,
        currentOwner: number?.ownerLogin ?? undefined,
        proposedBy: offer.proposedBy,
        expiresAt: offer.expiresAt,
      };
    });
  }

  /** ACTIVE numbers the person owns or manages: what a softphone may register with. */
  async softphoneNumbers(login: string): Promise<SoftphoneNumbersModel> {
    const personal = await this.personalNumber(login);
    const shared = await this.sharedNumbers(login);
    return {
      personal: personal?.state === NumberState.ACTIVE ? [personal.number] : [],
      shared: shared.filter((n) => n.state === NumberState.ACTIVE).map((n) => n.number),
    };
  }
}
