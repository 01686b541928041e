import { Module, RequestMethod, type MiddlewareConsumer, type NestModule } from '@nestjs/common';
import { SystemsModule } from '../../../../libs/systems/systems.module';
import { AuthModule } from '../auth/auth.module';
import { PortalStaticMiddleware } from './portal-static.middleware';
import { PortalResolver } from './portal.resolver';

/** The resources portal: its static files at `/`, and the queries it needs before sign-in. */
@Module({ imports: [SystemsModule, AuthModule], providers: [PortalResolver] })
export class PortalModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(PortalStaticMiddleware).forRoutes({ path: '{*splat}', method: RequestMethod.GET });
  }
}
