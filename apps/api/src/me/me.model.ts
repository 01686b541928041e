import { Field, ObjectType } from '@nestjs/graphql';
import { PersonStandingModel } from './person-standing.model';

@ObjectType('Me', {
  description: 'The person the portal acts for, as the directory knows them, and their roles.',
})
export class MeModel extends PersonStandingModel {
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
}
