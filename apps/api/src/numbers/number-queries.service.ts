import { Inject, Injectable } from '@nestjs/common';
import { DataSource, In, IsNull, MoreThan } from 'typeorm';
import { managersGroupOf } from '../../../../libs/contracts/numbers';
import { NumberState, OWNED_STATES } from '../../../../libs/domain/number-state';
import { OwnershipOfferEntity, PhoneNumberEntity } from '../../../../libs/persistence/entities';
import { DIRECTORY_PORT, type DirectoryPort } from '../../../../libs/systems/directory/directory.port';
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
    private readonly dataSource: DataSource,
    @Inject(DIRECTORY_PORT) private readonly directory: DirectoryPort,
  ) {}

  private get numbers() {
    return this.dataSource.getRepository(PhoneNumberEntity);
  }

  async personalNumber(login: string): Promise<PersonalNumberModel | null> {
    const row = await this.numbers.findOneBy({
      ownerLogin: login,
      type: 'PERSONAL',
      state: In([...OWNED_STATES]),
    });
    return row ? { number: row.number, state: row.state, inPhonebook: row.inPhonebook } : null;
  }

  /** Shared numbers the person owns, or manages through a `phone-mngr-…` e-group they belong to. */
  async sharedNumbers(login: string): Promise<SharedNumberModel[]> {
    const groups = (await this.directory.groupsOf(login)).filter((g) => g.startsWith(MANAGERS_GROUP_PREFIX));
    const rows = await this.numbers.find({
      where: [
        { type: 'SHARED', ownerLogin: login, state: In([...OWNED_STATES]) },
        ...(groups.length > 0
          ? [{ type: 'SHARED' as const, managersGroup: In(groups), state: In([...OWNED_STATES]) }]
          : []),
      ],
      order: { number: 'ASC' },
    });
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
    const offers = await this.dataSource.getRepository(OwnershipOfferEntity).find({
      where: { proposedOwner: login, outcome: IsNull(), expiresAt: MoreThan(new Date()) },
      order: { createdAt: 'ASC' },
    });
    const numbers = await this.numbers.findBy({ number: In(offers.map((o) => o.number)) });
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
