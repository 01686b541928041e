import { Field, ObjectType } from '@nestjs/graphql';

@ObjectType('PortalSettings', { description: 'What the portal needs to know before anyone signs in.' })
export class PortalSettingsModel {
  @Field({ description: 'Sandbox mode: demo accounts, sandbox drivers, the phone simulator.' })
  sandbox!: boolean;
}

@ObjectType('SandboxAccount', { description: 'Sandbox only: a demo person the portal may act as.' })
export class SandboxAccountModel {
  @Field()
  login!: string;

  @Field()
  name!: string;

  @Field({ description: 'Personnel class in the directory, e.g. STAF or EXTN.' })
  personnelClass!: string;

  @Field({
    nullable: true,
    description: 'Code within the personnel class, e.g. HONO for an EXTN; null when the class has none.',
  })
  personnelCode?: string;

  @Field({ description: 'Whether they may request and migrate numbers today.' })
  eligible!: boolean;

  @Field({ nullable: true, description: 'Why not, when they may not.' })
  ineligibleReason?: string;

  @Field()
  isServiceDesk!: boolean;

  @Field(() => [String], { description: 'Units whose migration campaigns they administer.' })
  unitAdminOf!: string[];
}
