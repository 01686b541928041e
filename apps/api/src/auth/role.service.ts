import { Inject, Injectable } from '@nestjs/common';
import type { AppConfig } from '../../../../libs/config/app-config';
import { APP_CONFIG } from '../../../../libs/config/config.module';
import { DIRECTORY_PORT, type DirectoryPort } from '../../../../libs/systems/directory/directory.port';
import type { Viewer } from './viewer';

/** Roles come from directory e-groups: the service-desk group, and one admin group per unit. */
@Injectable()
export class RoleService {
  constructor(
    @Inject(DIRECTORY_PORT) private readonly directory: DirectoryPort,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async viewerFor(login: string): Promise<Viewer> {
    const groups = await this.directory.groupsOf(login);
    const { serviceDeskGroup, unitAdminGroupPrefix } = this.config.roles;
    return {
      login,
      isServiceDesk: groups.includes(serviceDeskGroup),
      unitAdminOf: groups
        .filter((g) => g.startsWith(unitAdminGroupPrefix))
        .map((g) => g.slice(unitAdminGroupPrefix.length).toUpperCase()),
    };
  }
}
