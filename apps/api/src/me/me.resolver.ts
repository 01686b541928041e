import { Query, Resolver } from '@nestjs/graphql';
import { CurrentCaller } from '../auth/current-viewer.decorator';
import { RoleService } from '../auth/role.service';
import type { Caller } from '../auth/viewer';
import { PermissionService } from '../common/permission.service';
import { PeopleService } from '../common/people.service';
import { MeModel } from './me.model';

@Resolver(() => MeModel)
export class MeResolver {
  constructor(
    private readonly people: PeopleService,
    private readonly permissions: PermissionService,
    private readonly roles: RoleService,
  ) {}

  @Query(() => MeModel, {
    description:
      'Who the portal acts for (you, or the person the service desk acts for), whether they may use the service, and their roles.',
  })
  async me(@CurrentCaller() caller: Caller): Promise<MeModel> {
    const person = await this.people.lookUp(caller.login);
    const actor = await this.permissions.actorFor(caller);
    const roles = caller.onBehalf ? await this.roles.viewerFor(caller.login) : caller;
    return {
      login: caller.login,
      name: person?.displayName,
      mail: person?.mail ?? undefined,
      office: person?.office ?? undefined,
      unit: person?.unit ?? undefined,
      personnelClass: person?.personnelClass,
      personnelCode: person?.personnelSubCode ?? undefined,
      eligible: actor.eligible,
      ineligibleReason: actor.ineligibleReason,
      isServiceDesk: roles.isServiceDesk,
      unitAdminOf: roles.unitAdminOf,
    };
  }
}
