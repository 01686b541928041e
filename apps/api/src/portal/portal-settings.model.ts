import { Field, ObjectType } from '@nestjs/graphql';
import { PersonStandingModel } from '../me/person-standing.model';

@ObjectType('PortalSettings', { description: 'What the portal needs to know before anyone signs in.' })
export class PortalSettingsModel {
  @Field({ description: 'Sandbox mode: demo accounts, sandbox drivers, the phone simulator.' })
  sandbox!: boolean;
}

@ObjectType('SandboxAccount', { description: 'Sandbox only: a demo person the portal may act as.' })
export class SandboxAccountModel extends PersonStandingModel {
  @Field()
  login!: string;

  @Field()
  name!: string;

  @Field({ description: 'Personnel class in the directory, e.g. STAF or EXTN.' })
  personnelClass!: string;
}
