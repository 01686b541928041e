import { Field, ObjectType, Query, Resolver } from '@nestjs/graphql';
import { CurrentViewer } from './current-viewer.decorator';
import type { Viewer } from './viewer';

@ObjectType('Viewer', { description: 'Who you are signed in as, and the roles your e-groups give you.' })
export class ViewerModel {
  @Field()
  login!: string;

  @Field()
  isServiceDesk!: boolean;

  @Field(() => [String], { description: 'Units whose migration campaigns you administer.' })
  unitAdminOf!: string[];
}

@Resolver()
export class ViewerResolver {
  @Query(() => ViewerModel, { description: 'Who you are signed in as (never someone you act for).' })
  viewer(@CurrentViewer() viewer: Viewer): ViewerModel {
    return viewer;
  }
}
