import type { NetworkDevice } from '../../libs/contracts/system-records';
import type { PhoneRegistrationPlan, PreparePhoneRegistration } from '../../libs/contracts/phones';
import type { StepOutcome } from '../../libs/contracts/step-outcome';
import { DomainError, DomainErrorCode } from '../../libs/domain/domain-error';
import { NumberState } from '../../libs/domain/number-state';
import { PortalAction } from '../../libs/domain/permissions';
import { PhoneActivation } from '../../libs/domain/phone-activation';
import { phoneDeviceName, requireRegistrableModel } from '../../libs/domain/phone-registration';
import { officeLocation } from '../../libs/systems/network/office-location';
import type { PhoneInventory } from '../../libs/systems/inventory/phone-inventory';
import { notFoundNumber, requireRightOnNumber, type RightsCheckDeps } from '../phone-rights';
import { stepsOn } from '../run-step';

// A migration registers the number's legacy phone while the number is still MIGRATING.
const REGISTRABLE_NUMBER_STATES: readonly string[] = [NumberState.ACTIVE, NumberState.MIGRATING];

/** Steps on the inventory of desk phones (`ip_phones`). */
export function createPhoneActivities(deps: RightsCheckDeps & { phones: PhoneInventory }) {
  const { phones } = deps;
  const step = stepsOn('inventory');
  return {
    /**
     * The registration's rules again (model, number, rights, one phone per MAC and number), then
     * the REQUESTED row (already there when the API started the request; recorded here for a child
     * request).
     */
    async preparePhoneRegistration(
      input: PreparePhoneRegistration,
    ): Promise<StepOutcome<PhoneRegistrationPlan>> {
      return step(async () => {
        const model = requireRegistrableModel(await phones.findModel(input.modelId), input.modelId);
        const number = await phones.findNumber(input.number);
        if (!number) throw notFoundNumber(input.number);
        const person = await requireRightOnNumber(deps, PortalAction.REGISTER_PHONE, input, number);
        if (!REGISTRABLE_NUMBER_STATES.includes(number.state)) {
          throw new DomainError(
            DomainErrorCode.INVALID_STATE,
            `${number.number} is ${number.state}; a phone can be registered on an active number only.`,
          );
        }
        await phones.requireNumberFree(input.number, input.phoneId);
        await phones.requireMacFree(input.mac, input.phoneId);
        const result = await phones.createRequested({
          id: input.phoneId,
          requestId: input.requestId,
          mac: input.mac,
          number: input.number,
          modelId: input.modelId,
          office: input.office,
          ownerLogin: input.requester,
        });
        const device: NetworkDevice = {
          name: phoneDeviceName(input.number),
          location: officeLocation(input.office),
          manufacturer: model.manufacturer,
          model: model.name,
          responsible: number.ownerLogin ?? input.requester,
          user: input.requester,
          description: `Desk phone on ${input.number}`,
          mac: input.mac,
        };
        const recipient = person?.mail ? { displayName: person.displayName, mail: person.mail } : null;
        return { value: { device, recipient }, result };
      });
    },

    /**
     * The live phone on a number, if any: what a request on the number (deleting it) passes to a
     * child `unregisterPhoneWorkflow`.
     */
    async findPhoneOnNumber(input: {
      number: string;
    }): Promise<StepOutcome<{ phoneId: string; mac: string; activation: PhoneActivation } | null>> {
      return step(async () => {
        const phone = await phones.findLiveByNumber(input.number);
        return { value: phone ? { phoneId: phone.id, mac: phone.mac, activation: phone.activation } : null };
      });
    },

    /** The phone's activation state along the way (docs/domain.md §7). */
    async markPhoneActivation(input: {
      phoneId: string;
      activation: PhoneActivation;
      ipAddress?: string;
    }): Promise<StepOutcome> {
      return step(async () => ({
        value: undefined,
        result: await phones.moveActivation(
          input.phoneId,
          input.activation,
          input.ipAddress ? { ipAddress: input.ipAddress } : {},
        ),
      }));
    },

    /** The last step of a registration: the phone is ACTIVE. */
    async activatePhone(input: { phoneId: string }): Promise<StepOutcome> {
      return step(async () => ({
        value: undefined,
        result: await phones.moveActivation(input.phoneId, PhoneActivation.ACTIVE, {
          activatedAt: deps.now ? deps.now() : new Date(),
          requestId: null,
        }),
      }));
    },

    /**
     * A registration that failed and was undone: REMOVED (the MAC and the number are free again), or
     * FAILED when the service desk skipped an undo, so something may remain in a system and the
     * MAC and number stay taken until the phone is unregistered.
     */
    async closeFailedRegistration(input: { phoneId: string; leftovers: boolean }): Promise<StepOutcome> {
      return step(async () => {
        const phone = await phones.findPhone(input.phoneId);
        // The API may have forgotten the row when the request could not start.
        if (!phone) return { value: undefined, result: 'unchanged' as const };
        const to = input.leftovers ? PhoneActivation.FAILED : PhoneActivation.REMOVED;
        return {
          value: undefined,
          result: await phones.moveActivation(input.phoneId, to, { provisioningSecret: null }),
        };
      });
    },

    /**
     * The start of an unregistration: the phone becomes UNREGISTERING. A phone that is already
     * REMOVED needs nothing more (a parent request retried); its MAC may belong to a new phone now.
     */
    async beginPhoneUnregistration(input: {
      phoneId: string;
      requestId: string;
      mac: string;
      number: string;
    }): Promise<StepOutcome<{ alreadyRemoved: boolean }>> {
      return step<{ alreadyRemoved: boolean }>(async () => {
        const phone = await phones.findPhone(input.phoneId);
        if (!phone || phone.mac !== input.mac || phone.number !== input.number) {
          throw new DomainError(
            DomainErrorCode.NOT_FOUND,
            `There is no phone ${input.phoneId} with MAC ${input.mac} on ${input.number} in the inventory.`,
          );
        }
        if (phone.activation === PhoneActivation.REMOVED)
          return { value: { alreadyRemoved: true }, result: 'unchanged' as const };
        const result = await phones.moveActivation(input.phoneId, PhoneActivation.UNREGISTERING, {
          requestId: input.requestId,
        });
        return { value: { alreadyRemoved: false }, result };
      });
    },

    /** The D60 base of a phone that is going away goes with it. */
    async removeD60BaseOfPhone(input: { phoneId: string }): Promise<StepOutcome> {
      return step(async () => ({
        value: undefined,
        result: await phones.removeBaseOfHost(input.phoneId),
      }));
    },

    /** The last step of an unregistration: the phone is REMOVED, its MAC and number free. */
    async finishPhoneUnregistration(input: { phoneId: string }): Promise<StepOutcome> {
      return step(async () => ({
        value: undefined,
        result: await phones.moveActivation(input.phoneId, PhoneActivation.REMOVED, {
          provisioningSecret: null,
        }),
      }));
    },
  };
}
