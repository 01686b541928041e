import type { StepOutcome } from '../../libs/contracts/step-outcome';
import type { NumberPool } from '../../libs/domain/number-pool';
import {
  desiredNumber,
  desiredPhone,
  type DesiredNumber,
  type DesiredPhone,
} from '../../libs/reconciliation/desired-state';
import type { InventoryReader } from '../../libs/reconciliation/inventory-reader';
import { stepsOn } from '../run-step';

/** What the inventory wants a number or a phone to look like in each system, for a repair. */
export function createDesiredStateActivities({
  inventoryReader,
  settings,
}: {
  inventoryReader: InventoryReader;
  settings: { pools: { personal: NumberPool; shared: NumberPool }; provisioningUrl: string };
}) {
  const step = stepsOn('inventory');
  const pools = [settings.pools.personal, settings.pools.shared];
  return {
    async readNumberTarget(input: {
      number: string;
      requestId: string;
    }): Promise<StepOutcome<DesiredNumber>> {
      return step(async () => ({
        value: await desiredNumber(inventoryReader, input.number, input.requestId, pools),
      }));
    },

    async readPhoneTarget(input: { mac: string; requestId: string }): Promise<StepOutcome<DesiredPhone>> {
      return step(async () => ({
        value: await desiredPhone(inventoryReader, input.mac, input.requestId, settings.provisioningUrl),
      }));
    },
  };
}
