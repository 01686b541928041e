import type { FirstBootEvidence } from '../libs/contracts/phones';
import type { StepOutcome } from '../libs/contracts/step-outcome';
import type { PhoneInventory } from '../libs/systems/inventory/phone-inventory';
import type { PbxPort } from '../libs/systems/pbx/pbx.port';
import type { D60Block, PhoneConfig, ProvisioningPort } from '../libs/systems/provisioning/provisioning.port';
import { systemRejected } from '../libs/systems/system-error';
import { lineDisplayName, notFoundNumber, type PeopleLookup } from './phone-rights';
import { stepsOn } from './run-step';

/** Steps on the provisioning server: the configuration files desk phones fetch, and their first boot. */
export function createProvisioningActivities(deps: {
  provisioning: ProvisioningPort;
  /** The phone, its number and model, to render its configuration from. */
  phones: PhoneInventory;
  /** Whether the line is registered, for the first boot. */
  pbx: Pick<PbxPort, 'isRegistered'>;
  directory: PeopleLookup;
  settings: { sipDomain: string };
}) {
  const { provisioning, phones, pbx, settings } = deps;
  const step = stepsOn('provisioning');
  return {
    /**
     * (Re)generates the phone's configuration from the inventory: its line, and the D60 block when
     * given. Publishing the same content again changes nothing.
     */
    async publishPhoneConfig(input: {
      phoneId: string;
      d60: D60Block | null;
    }): Promise<StepOutcome<{ revision: number }>> {
      return step(async () => {
        const phone = await phones.findPhone(input.phoneId);
        if (!phone)
          throw systemRejected('provisioning', `there is no phone ${input.phoneId} in the inventory`);
        const number = await phones.findNumber(phone.number);
        if (!number) throw notFoundNumber(phone.number);
        const model = await phones.findModel(phone.modelId);
        const config: PhoneConfig = {
          family: model?.family ?? 'polycom',
          modelId: phone.modelId,
          sipServer: settings.sipDomain,
          lines: [
            {
              index: 1,
              extension: phone.number,
              label: phone.number,
              displayName: await lineDisplayName(deps, number),
            },
          ],
          d60: input.d60,
        };
        const { revision, result } = await provisioning.publishConfig(phone.mac, config);
        return { value: { revision }, result };
      });
    },

    async withdrawPhoneConfig(input: { mac: string }): Promise<StepOutcome> {
      return step(async () => ({
        value: undefined,
        result: await provisioning.withdrawConfig(input.mac),
      }));
    },

    /** One look for the first boot: has the phone fetched its file, is the line registered? */
    async checkFirstBoot(input: { mac: string; number: string }): Promise<StepOutcome<FirstBootEvidence>> {
      return step(async () => {
        const fetchedAt = await provisioning.lastConfigFetch(input.mac);
        const registered = await pbx.isRegistered(input.number);
        return { value: { configFetchedAt: fetchedAt?.toISOString() ?? null, registered } };
      });
    },
  };
}
