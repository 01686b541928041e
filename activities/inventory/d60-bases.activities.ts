import type { D60Handset, PrepareD60Pairing } from '../../libs/contracts/phones';
import type { RequestParties } from '../../libs/contracts/people';
import type { StepOutcome } from '../../libs/contracts/step-outcome';
import { DomainError, DomainErrorCode } from '../../libs/domain/domain-error';
import { NumberState } from '../../libs/domain/number-state';
import { PortalAction } from '../../libs/domain/permissions';
import { PhoneActivation } from '../../libs/domain/phone-activation';
import type { IpPhoneEntity } from '../../libs/persistence/entities';
import type { PhoneInventory } from '../../libs/systems/inventory/phone-inventory';
import { notFoundNumber, requireRightOnNumber, type RightsCheckDeps } from '../phone-rights';
import { stepsOn } from '../run-step';

/** Steps of D60 pairing on the inventory (`d60_bases`). */
export function createD60Activities(deps: RightsCheckDeps & { phones: PhoneInventory }) {
  const { phones } = deps;
  const step = stepsOn('inventory');

  const activeHost = async (hostPhoneId: string, hostMac: string): Promise<IpPhoneEntity> => {
    const host = await phones.findPhone(hostPhoneId);
    if (!host || host.mac !== hostMac || host.activation === PhoneActivation.REMOVED) {
      throw new DomainError(
        DomainErrorCode.NOT_FOUND,
        `There is no registered phone with MAC ${hostMac} to pair a D60 base with.`,
      );
    }
    if (host.activation !== PhoneActivation.ACTIVE) {
      throw new DomainError(
        DomainErrorCode.INVALID_STATE,
        `The host phone ${host.name} is ${host.activation}; a D60 base can be paired with an ACTIVE phone only. Wait until it is active.`,
      );
    }
    return host;
  };

  return {
    /** The pairing's rules again: an ACTIVE VVX host, a free base MAC, handsets on numbers of the requester's. */
    async prepareD60Pairing(input: PrepareD60Pairing): Promise<StepOutcome<{ hostNumber: string }>> {
      return step(async () => {
        const host = await activeHost(input.hostPhoneId, input.hostMac);
        const model = await phones.findModel(host.modelId);
        if (!model || model.family !== 'polycom' || model.addOn) {
          throw new DomainError(
            DomainErrorCode.MODEL_NOT_COMPATIBLE,
            `A D60 base pairs with a Polycom VVX; the phone ${host.name} is a ${model ? `${model.manufacturer} ${model.name}` : host.modelId}.`,
          );
        }
        const hostNumber = await phones.findNumber(host.number);
        if (!hostNumber) throw notFoundNumber(host.number);
        await requireRightOnNumber(deps, PortalAction.PAIR_D60, input, hostNumber);
        const paired = await phones.findBaseByHost(host.id);
        if (paired && paired.baseMac !== input.baseMac) {
          throw new DomainError(
            DomainErrorCode.CONFLICT,
            `The phone ${host.name} already has a D60 base; unpair it first.`,
          );
        }
        if (!paired) await phones.requireMacFree(input.baseMac);
        for (const handset of input.handsets) {
          const number = await phones.findNumber(handset.number);
          if (!number) throw notFoundNumber(handset.number);
          await requireRightOnNumber(deps, PortalAction.PAIR_D60, input, number);
          if (number.state !== NumberState.ACTIVE) {
            throw new DomainError(
              DomainErrorCode.INVALID_STATE,
              `Handset ${handset.slot}: ${number.number} is ${number.state}; a handset needs an active number.`,
            );
          }
        }
        return { value: { hostNumber: host.number } };
      });
    },

    async recordD60Base(input: {
      baseId: string;
      hostPhoneId: string;
      baseMac: string;
      handsets: D60Handset[];
    }): Promise<StepOutcome> {
      return step(async () => ({
        value: undefined,
        result: await phones.recordBase({
          id: input.baseId,
          hostPhoneId: input.hostPhoneId,
          baseMac: input.baseMac,
          handsets: input.handsets,
        }),
      }));
    },

    async removeD60Base(input: { baseId: string }): Promise<StepOutcome> {
      return step(async () => ({
        value: undefined,
        result: await phones.removeBase(input.baseId),
      }));
    },

    /** What unpairing removes: the host must be ACTIVE and have a base. */
    async prepareD60Unpairing(
      input: { hostPhoneId: string; hostMac: string } & RequestParties,
    ): Promise<StepOutcome<{ baseId: string; baseMac: string; handsets: D60Handset[] }>> {
      return step(async () => {
        const host = await activeHost(input.hostPhoneId, input.hostMac);
        const hostNumber = await phones.findNumber(host.number);
        if (!hostNumber) throw notFoundNumber(host.number);
        await requireRightOnNumber(deps, PortalAction.PAIR_D60, input, hostNumber);
        const base = await phones.findBaseByHost(host.id);
        if (!base) {
          throw new DomainError(
            DomainErrorCode.NOT_FOUND,
            `The phone ${host.name} has no D60 base to unpair.`,
          );
        }
        return {
          value: {
            baseId: base.id,
            baseMac: base.baseMac,
            handsets: base.handsets.map((h) => ({ slot: h.slot, number: h.number })),
          },
        };
      });
    },
  };
}
