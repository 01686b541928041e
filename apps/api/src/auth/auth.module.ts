import { Module } from '@nestjs/common';
import { SystemsModule } from '../../../../libs/systems/systems.module';
import { IdentityService } from './identity.service';
import { RoleService } from './role.service';
import { ViewerResolver } from './viewer.resolver';

@Module({
  imports: [SystemsModule],
  providers: [IdentityService, RoleService, ViewerResolver],
  exports: [IdentityService, RoleService],
})
export class AuthModule {}
