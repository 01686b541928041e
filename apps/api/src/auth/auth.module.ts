import { Module } from '@nestjs/common';
import type { AppConfig } from '../../../../libs/config/app-config';
import { APP_CONFIG } from '../../../../libs/config/config.module';
import { InventoryModule } from '../../../../libs/systems/inventory/inventory.module';
import { WebSessionStore } from '../../../../libs/systems/inventory/web-session-store';
import { SystemsModule } from '../../../../libs/systems/systems.module';
import { IdentityService } from './identity.service';
import { OidcRelyingParty } from './oidc-relying-party';
import { RoleService } from './role.service';
import { SignInController } from './sign-in.controller';
import { ViewerResolver } from './viewer.resolver';
import { WEB_SESSIONS, WebSessions } from './web-sessions';

function webSessions(config: AppConfig, store: WebSessionStore): WebSessions | null {
  const oidc = config.oidc;
  if (!oidc?.client) return null;
  const party = new OidcRelyingParty(
    { ...oidc, client: oidc.client },
    `${config.publicUrl}/auth/callback`,
    `${config.publicUrl}/signed-out`,
  );
  return new WebSessions(config, store, party);
}

@Module({
  imports: [SystemsModule, InventoryModule],
  controllers: [SignInController],
  providers: [
    IdentityService,
    RoleService,
    ViewerResolver,
    { provide: WEB_SESSIONS, inject: [APP_CONFIG, WebSessionStore], useFactory: webSessions },
  ],
  exports: [IdentityService, RoleService],
})
export class AuthModule {}
