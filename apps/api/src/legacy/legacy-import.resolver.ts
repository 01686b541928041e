import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { CurrentCaller } from '../auth/current-viewer.decorator';
import type { Caller } from '../auth/viewer';
import { SelfAudited } from '../desk/self-audited.decorator';
import { LegacyImportResultModel } from './legacy-import.models';
import { LegacyImportService } from './legacy-import.service';

@Resolver()
export class LegacyImportResolver {
  constructor(private readonly imports: LegacyImportService) {}

  // The service writes one audit entry per import, with its counts, refusals included.
  @SelfAudited()
  @Mutation(() => LegacyImportResultModel, {
    description:
      "Service desk: imports a site's legacy inventory from CSV text (docs/legacy-import.md; at most 64,000 characters). Numbers already migrated or in service are never changed. With dryRun, says what would change and changes nothing.",
  })
  async importLegacyInventory(
    @CurrentCaller() caller: Caller,
    @Args('csv') csv: string,
    @Args('dryRun', { defaultValue: false }) dryRun: boolean,
  ): Promise<LegacyImportResultModel> {
    return this.imports.import(caller, csv, dryRun);
  }
}
