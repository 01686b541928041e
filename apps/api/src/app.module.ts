import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { GraphQLModule } from '@nestjs/graphql';
import type { AppConfig } from '../../../libs/config/app-config';
import { ConfigModule } from '../../../libs/config/config.module';
import { InventoryModule } from '../../../libs/systems/inventory/inventory.module';
import { AuthModule } from './auth/auth.module';
import { DeskModule } from './desk/desk.module';
import { RefusalLoggingFilter } from './errors/refusal-logging.filter';
import { IdentityService } from './auth/identity.service';
import { graphqlOptions } from './graphql.options';
import { CampaignsModule } from './campaigns/campaigns.module';
import { HealthController } from './health/health.controller';
import { LegacyModule } from './legacy/legacy.module';
import { MeModule } from './me/me.module';
import { NumbersModule } from './numbers/numbers.module';
import { PersonalNumberModule } from './personal-number/personal-number.module';
import { PhonesModule } from './phones/phones.module';
import { ReconciliationApiModule } from './reconciliation/reconciliation-api.module';
import { PortalModule } from './portal/portal.module';
import { RequestsApiModule } from './requests/requests.module';

/** The API: GraphQL over HTTP, backed by the inventory database and Temporal. One module per feature. */
@Module({})
export class AppModule {
  static forRoot(config?: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        InventoryModule,
        AuthModule,
        GraphQLModule.forRootAsync<ApolloDriverConfig>({
          driver: ApolloDriver,
          imports: [AuthModule],
          inject: [IdentityService],
          useFactory: graphqlOptions,
        }),
        RequestsApiModule,
        PersonalNumberModule,
        PhonesModule,
        LegacyModule,
        CampaignsModule,
        MeModule,
        NumbersModule,
        DeskModule,
        ReconciliationApiModule,
        PortalModule,
      ],
      controllers: [HealthController],
      providers: [{ provide: APP_FILTER, useClass: RefusalLoggingFilter }],
    };
  }
}
