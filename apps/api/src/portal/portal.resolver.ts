import { Inject } from '@nestjs/common';
import { Query, Resolver } from '@nestjs/graphql';
import type { AppConfig } from '../../../../libs/config/app-config';
import { APP_CONFIG } from '../../../../libs/config/config.module';
import { DomainError, DomainErrorCode } from '../../../../libs/domain/domain-error';
import { decideEligibility } from '../../../../libs/domain/eligibility';
import { DEMO_PEOPLE } from '../../../../libs/systems/sandbox/demo-data';
import { DIRECTORY_PORT, type DirectoryPort } from '../../../../libs/systems/directory/directory.port';
import { RoleService } from '../auth/role.service';
import { PortalSettingsModel, SandboxAccountModel } from './portal-settings.model';

/** What the portal asks before an account is chosen; no sign-in needed, nothing personal outside sandbox. */
@Resolver()
export class PortalResolver {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(DIRECTORY_PORT) private readonly directory: DirectoryPort,
    private readonly roles: RoleService,
  ) {}

  @Query(() => PortalSettingsModel, { description: 'Whether the API runs in sandbox mode.' })
  portalSettings(): PortalSettingsModel {
    return { sandbox: this.config.sandbox };
  }

  @Query(() => [SandboxAccountModel], {
    description:
      "Sandbox only: the demo people the portal's account selector offers, as the directory knows them now.",
  })
  async sandboxAccounts(): Promise<SandboxAccountModel[]> {
    if (!this.config.sandbox) {
      throw new DomainError(
        DomainErrorCode.FORBIDDEN,
        'The demo account selector exists only in sandbox mode. Sign in with your organisation account.',
      );
    }
    const accounts: SandboxAccountModel[] = [];
    for (const demo of DEMO_PEOPLE) {
      const person = await this.directory.findPerson(demo.login);
      if (!person) continue;
      const decision = decideEligibility(person, new Date(), this.config.eligibility);
      const roles = await this.roles.viewerFor(person.login);
      accounts.push({
        login: person.login,
        name: person.displayName,
        // The same two fields as `me`, so the portal shows a class and its code one way.
        personnelClass: person.personnelClass,
        personnelCode: person.personnelSubCode ?? undefined,
        eligible: decision.eligible,
        ineligibleReason: decision.eligible ? undefined : decision.reason,
        isServiceDesk: roles.isServiceDesk,
        unitAdminOf: roles.unitAdminOf,
      });
    }
    return accounts;
  }
}
