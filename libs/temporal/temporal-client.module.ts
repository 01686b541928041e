import { Module } from '@nestjs/common';
import { TemporalClientHolder } from './temporal-client.provider';

/** The API's Temporal client, for its own modules and the libs' modules it imports. */
@Module({ providers: [TemporalClientHolder], exports: [TemporalClientHolder] })
export class TemporalClientModule {}
