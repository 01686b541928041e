import { Module, type Provider } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { PersistenceModule } from '../../persistence/persistence.module';
import { CampaignQueries } from './campaign-queries';
import { InventoryHealth } from './inventory-health';
import { NumberQueries } from './number-queries';
import { OwnershipOfferQueries } from './ownership-offer-queries';
import { PeopleCache } from './people-cache';
import { PhoneQueries } from './phone-queries';
import { RequestQueries } from './request-queries';
import { WebSessionStore } from './web-session-store';

const onTheDatabase = [
  CampaignQueries,
  InventoryHealth,
  NumberQueries,
  OwnershipOfferQueries,
  PeopleCache,
  PhoneQueries,
  RequestQueries,
  WebSessionStore,
];

const providers: Provider[] = onTheDatabase.map((queries) => ({
  provide: queries,
  inject: [DataSource],
  useFactory: (ds: DataSource) => new queries(ds),
}));

/**
 * The inventory database, and the API's one way into it: small query (and command) classes named
 * for what they answer. The API itself never touches the ORM (lint enforces it).
 */
@Module({
  imports: [PersistenceModule],
  providers,
  exports: onTheDatabase,
})
export class InventoryModule {}
