import { Module } from '@nestjs/common';
import { CommonModule } from '../common/common.module';
import { PersonalNumberResolver } from './personal-number.resolver';
import { PersonalNumberService } from './personal-number.service';

@Module({
  imports: [CommonModule],
  providers: [PersonalNumberService, PersonalNumberResolver],
  exports: [PersonalNumberService],
})
export class PersonalNumberModule {}
