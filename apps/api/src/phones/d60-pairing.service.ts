import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { AuditLog } from '../../../../libs/audit/audit-log';
import {
  PAIR_D60,
  UNPAIR_D60,
  type PairD60Input,
  type UnpairD60Input,
} from '../../../../libs/contracts/phones';
import { RequestKind } from '../../../../libs/contracts/request-kind';
import { workflowIds } from '../../../../libs/contracts/workflow-ids';
import { DomainError, DomainErrorCode } from '../../../../libs/domain/domain-error';
import { formatMacAddress, parseMacAddress } from '../../../../libs/domain/mac-address';
import { NumberState } from '../../../../libs/domain/number-state';
import { PortalAction } from '../../../../libs/domain/permissions';
import { parseD60Handsets } from '../../../../libs/domain/phone-registration';
import { PhoneActivation } from '../../../../libs/domain/phone-activation';
import { type IpPhoneEntity, type RequestEntity } from '../../../../libs/persistence/entities';
import { RequestLauncher } from '../../../../libs/requests/request-launcher';
import { lockKeys } from '../../../../libs/requests/resource-locks';
import { PhoneInventory } from '../../../../libs/systems/inventory/phone-inventory';
import type { Caller } from '../auth/viewer';
import { auditedRequest } from './request-audit';
import { PhoneRegistrationService } from './phone-registration.service';

/** Pairing a D60 DECT base with an ACTIVE Polycom VVX, and unpairing it. */
@Injectable()
export class D60PairingService {
  constructor(
    private readonly phones: PhoneInventory,
    private readonly registration: PhoneRegistrationService,
    private readonly launcher: RequestLauncher,
    private readonly audit: AuditLog,
  ) {}

  /** The host phone, if the caller may pair on its number and it is an ACTIVE VVX. */
  private async requireHost(caller: Caller, hostMac: string): Promise<IpPhoneEntity> {
    const host = await this.phones.findLiveByMac(hostMac);
    if (!host) {
      throw new DomainError(
        DomainErrorCode.NOT_FOUND,
        `No phone with MAC ${formatMacAddress(hostMac, 'colon')} is registered. A D60 base pairs with one of your registered phones.`,
      );
    }
    await this.registration.requireNumber(PortalAction.PAIR_D60, caller, host.number);
    const model = await this.phones.findModel(host.modelId);
    if (!model || model.family !== 'polycom' || model.addOn) {
      throw new DomainError(
        DomainErrorCode.MODEL_NOT_COMPATIBLE,
        `A D60 base pairs with a Polycom VVX; the phone ${host.name} is a ${model ? `${model.manufacturer} ${model.name}` : host.modelId}.`,
      );
    }
    if (host.activation !== PhoneActivation.ACTIVE) {
      throw new DomainError(
        DomainErrorCode.INVALID_STATE,
        `The phone ${host.name} is ${host.activation}; a D60 base can be paired with an ACTIVE phone only. Wait until it is active.`,
      );
    }
    return host;
  }

  async pair(
    caller: Caller,
    args: { hostMac: string; baseMac: string; handsets: string[] },
  ): Promise<RequestEntity> {
    const hostMac = parseMacAddress(args.hostMac);
    const baseMac = parseMacAddress(args.baseMac);
    if (hostMac === baseMac) {
      throw new DomainError(
        DomainErrorCode.INVALID_INPUT,
        'The D60 base and its host phone have different MAC addresses; check the label on the base.',
      );
    }
    const handsets = parseD60Handsets(args.handsets);
    return auditedRequest(this.audit, caller, PortalAction.PAIR_D60, hostMac, async () => {
      const host = await this.requireHost(caller, hostMac);
      if (await this.phones.findBaseByHost(host.id)) {
        throw new DomainError(
          DomainErrorCode.CONFLICT,
          `The phone ${host.name} already has a D60 base; unpair it first.`,
        );
      }
      await this.phones.requireMacFree(baseMac);
      for (const handset of handsets) {
        const number = await this.registration.requireNumber(PortalAction.PAIR_D60, caller, handset.number);
        if (number.state !== NumberState.ACTIVE) {
          throw new DomainError(
            DomainErrorCode.INVALID_STATE,
            `Handset ${handset.slot}: ${number.number} is ${number.state}; a handset needs an active number.`,
          );
        }
      }
      const baseId = randomUUID();
      return this.launcher.launch<PairD60Input>({
        kind: RequestKind.PAIR_D60,
        workflowType: PAIR_D60,
        workflowId: workflowIds.phone(hostMac),
        // The host phone and the base; handsets only refer to their numbers.
        locks: [lockKeys.mac(hostMac), lockKeys.mac(baseMac)],
        requester: caller.login,
        actor: caller.actor,
        subject: formatMacAddress(hostMac, 'colon'),
        input: (common) => ({ ...common, baseId, hostPhoneId: host.id, hostMac, baseMac, handsets }),
      });
    });
  }

  async unpair(caller: Caller, hostMacText: string): Promise<RequestEntity> {
    const hostMac = parseMacAddress(hostMacText);
    return auditedRequest(this.audit, caller, 'UNPAIR_D60', hostMac, async () => {
      const host = await this.requireHost(caller, hostMac);
      const base = await this.phones.findBaseByHost(host.id);
      if (!base) {
        throw new DomainError(DomainErrorCode.NOT_FOUND, `The phone ${host.name} has no D60 base to unpair.`);
      }
      return this.launcher.launch<UnpairD60Input>({
        kind: RequestKind.UNPAIR_D60,
        workflowType: UNPAIR_D60,
        workflowId: workflowIds.phone(hostMac),
        locks: [lockKeys.mac(hostMac), lockKeys.mac(base.baseMac)],
        requester: caller.login,
        actor: caller.actor,
        subject: formatMacAddress(hostMac, 'colon'),
        input: (common) => ({ ...common, hostPhoneId: host.id, hostMac }),
      });
    });
  }
}
