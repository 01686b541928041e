import { Controller, Get, HttpException, Req } from '@nestjs/common';
import type { Request } from 'express';
import { IdentityService } from '../auth/identity.service';
import { NumberQueriesService } from './number-queries.service';
import type { SoftphoneNumbersModel } from './numbers.model';

/**
 * For softphone apps: the numbers the signed-in person may register with, authenticated like
 * GraphQL (in sandbox mode the `x-switchboard-user` header). Only one's own numbers: acting on
 * someone's behalf does not apply to registering a softphone.
 */
@Controller('softphone')
export class SoftphoneController {
  constructor(
    private readonly identity: IdentityService,
    private readonly queries: NumberQueriesService,
  ) {}

  @Get('numbers')
  async numbers(@Req() request: Request): Promise<SoftphoneNumbersModel> {
    const auth = await this.identity.authenticate(request);
    if (!auth.viewer) {
      throw new HttpException(
        {
          code: 'UNAUTHENTICATED',
          message: auth.authError ?? 'Sign in first: this operation needs to know who you are.',
        },
        401,
      );
    }
    return this.queries.softphoneNumbers(auth.viewer.login);
  }
}
