import { In, type DataSource } from 'typeorm';
import { CampaignEntity, CampaignItemEntity } from '../../persistence/entities';

/** The API's reads of migration campaigns and their items (the campaign workflow writes them). */
export class CampaignQueries {
  constructor(private readonly dataSource: DataSource) {}

  private get campaigns() {
    return this.dataSource.getRepository(CampaignEntity);
  }

  private get items() {
    return this.dataSource.getRepository(CampaignItemEntity);
  }

  async find(id: string): Promise<CampaignEntity | null> {
    return this.campaigns.findOneBy({ id });
  }

  /** These campaigns, only those in one of `statuses` when given. */
  async findMany(ids: readonly string[], statuses?: readonly string[]): Promise<CampaignEntity[]> {
    return this.campaigns.findBy({
      id: In([...ids]),
      ...(statuses ? { status: In([...statuses]) } : {}),
    });
  }

  /** The newest `limit` campaigns, of these units when given. */
  async newest(limit: number, units?: readonly string[]): Promise<CampaignEntity[]> {
    return this.campaigns.find({
      ...(units ? { where: { unit: In([...units]) } } : {}),
      order: { createdAt: 'DESC' },
      take: limit,
    });
  }

  /** The items of these campaigns, by number. */
  async itemsOf(campaignIds: readonly string[]): Promise<CampaignItemEntity[]> {
    return this.items.find({ where: { campaignId: In([...campaignIds]) }, order: { number: 'ASC' } });
  }

  /** The items scheduled for the person, in every campaign, by number. */
  async itemsFor(login: string): Promise<CampaignItemEntity[]> {
    return this.items.find({ where: { login }, order: { number: 'ASC' } });
  }

  /** The items of this number, in every campaign. */
  async itemsOfNumber(number: string): Promise<CampaignItemEntity[]> {
    return this.items.findBy({ number });
  }

  /** One campaign's item; throws when it is not there. */
  async item(campaignId: string, number: string): Promise<CampaignItemEntity> {
    return this.items.findOneByOrFail({ campaignId, number });
  }
}
