import { Controller, Get } from '@nestjs/common';
import { InventoryHealth } from '../../../../libs/systems/inventory/inventory-health';

/** For load balancers and `npm start`: answers once the app is up and its database reachable. */
@Controller('health')
export class HealthController {
  constructor(private readonly inventory: InventoryHealth) {}

  @Get()
  async check(): Promise<{ status: 'ok' }> {
    await this.inventory.check();
    return { status: 'ok' };
  }
}
