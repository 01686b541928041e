import { Field, Int, ObjectType } from '@nestjs/graphql';

@ObjectType('LegacyImportRefusal', { description: 'A line of the file the import refused, and why.' })
export class LegacyImportRefusalModel {
  @Field(() => Int, { description: 'Its line number in the file (the header is line 1).' })
  line!: number;

  @Field({ description: 'The text of the line (shortened past 200 characters).' })
  text!: string;

  @Field({ description: 'Why it was refused, and what to write instead.' })
  reason!: string;
}

@ObjectType('LegacyImportResult', {
  description: "What importing a site's legacy inventory did, or would do on a dry run.",
})
export class LegacyImportResultModel {
  @Field({ description: 'True when nothing was changed.' })
  dryRun!: boolean;

  @Field(() => Int, { description: 'Data lines in the file (the header not counted).' })
  lines!: number;

  @Field(() => Int)
  added!: number;

  @Field(() => Int)
  updated!: number;

  @Field(() => Int)
  unchanged!: number;

  @Field(() => Int)
  refused!: number;

  @Field(() => [LegacyImportRefusalModel], { description: 'The refused lines, in file order.' })
  refusedLines!: LegacyImportRefusalModel[];

  @Field({ description: 'The one-line summary, as the command prints it.' })
  summary!: string;
}
