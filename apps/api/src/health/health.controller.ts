import { Controller, Get } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** For load balancers and `npm start`: answers once the app is up and its database reachable. */
@Controller('health')
export class HealthController {
  constructor(private readonly dataSource: DataSource) {}

  @Get()
  async check(): Promise<{ status: 'ok' }> {
    await this.dataSource.query('SELECT 1');
    return { status: 'ok' };
  }
}
