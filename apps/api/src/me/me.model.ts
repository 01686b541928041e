import { Field, ObjectType } from '@nestjs/graphql';

@ObjectType('Me', {
  description: 'The person the portal acts for, as the directory knows them, and their roles.',
})
export class MeModel {
  @Field()
  login!: string;

  @Field({ nullable: true })
  name?: string;

  @Field({ nullable: true })
  mail?: string;

  @Field({ nullable: true })
  office?: string;

  @Field({ nullable: true, description: 'Organisational unit, e.g. IT.' })
  unit?: string;

  @Field({ nullable: true, description: 'Personnel class in the directory, e.g. STAF or EXTN.' })
  personnelClass?: string;

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
