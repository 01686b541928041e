import { Field, ObjectType } from '@nestjs/graphql';

/**
 * What the portal shows of a person's standing: eligibility and roles. `Me` and `SandboxAccount`
 * both carry it, so the fields and their descriptions are declared once; abstract, so the schema
 * gets no type of its own for it.
 */
@ObjectType({ isAbstract: true })
export abstract class PersonStandingModel {
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
