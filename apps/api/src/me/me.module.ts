import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { CommonModule } from '../common/common.module';
import { MeResolver } from './me.resolver';

@Module({ imports: [CommonModule, AuthModule], providers: [MeResolver] })
export class MeModule {}
