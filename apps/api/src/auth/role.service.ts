import { Inject, Injectable } from '@nestjs/common';
import type { AppConfig } from '../../../../libs/config/app-config';
import { APP_CONFIG } from '../../../../libs/config/config.module';
import { DIRECTORY_PORT, type DirectoryPort } from '../../../../libs/systems/directory/directory.port';
import type { Viewer } from './viewer';

/**
 * Roles come from the person's groups: the service-desk group, and one admin group per unit. The
 * groups are read on every request, from the directory (ROLES_SOURCE=directory) or from the latest
 * token's groups claim (ROLES_SOURCE=claim), so a role taken away holds from the next request (or,
 * for a claim, from the next token).
 */
@Injectable()
export class RoleService {
  constructor(
    @Inject(DIRECTORY_PORT) private readonly directory: DirectoryPort,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** `tokenGroups`: the groups claim of the caller's token, used when roles come from a claim. */
  async viewerFor(login: string, tokenGroups?: readonly string[]): Promise<Viewer> {
    const { source, serviceDeskGroup, unitAdminGroupPrefix } = this.config.roles;
    const groups = source === 'claim' ? (tokenGroups ?? []) : await this.directory.groupsOf(login);
    return {
      login,
      isServiceDesk: groups.includes(serviceDeskGroup),
      unitAdminOf: groups
        .filter((g) => g.startsWith(unitAdminGroupPrefix))
        .map((g) => g.slice(unitAdminGroupPrefix.length).toUpperCase()),
    };
  }
}
