import { IsNull, MoreThan, type DataSource } from 'typeorm';
import { OwnershipOfferEntity } from '../../persistence/entities';

/** The API's reads of ownership offers (a shared number's owner proposing a new owner). */
export class OwnershipOfferQueries {
  constructor(private readonly dataSource: DataSource) {}

  private get offers() {
    return this.dataSource.getRepository(OwnershipOfferEntity);
  }

  /** The offer a change-owner request made, open or closed. */
  async ofRequest(requestId: string): Promise<OwnershipOfferEntity | null> {
    return this.offers.findOneBy({ requestId });
  }

  /** Offers to the person still waiting for an answer and not lapsed at `now`, oldest first. */
  async openOffersTo(login: string, now: Date): Promise<OwnershipOfferEntity[]> {
    return this.offers.find({
      where: { proposedOwner: login, outcome: IsNull(), expiresAt: MoreThan(now) },
      order: { createdAt: 'ASC' },
    });
  }
}
