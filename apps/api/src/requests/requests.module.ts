import { Module } from '@nestjs/common';
import { CommonModule } from '../common/common.module';
import { RequestsResolver } from './requests.resolver';

@Module({ imports: [CommonModule], providers: [RequestsResolver] })
export class RequestsApiModule {}
