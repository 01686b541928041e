import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { AuditLog } from '../../../../libs/audit/audit-log';
import type { AppConfig } from '../../../../libs/config/app-config';
import { APP_CONFIG } from '../../../../libs/config/config.module';
import {
  REGISTER_PHONE,
  UNREGISTER_PHONE,
  type RegisterPhoneInput,
  type UnregisterPhoneInput,
} from '../../../../libs/contracts/phones';
import { RequestKind } from '../../../../libs/contracts/request-kind';
import { workflowIds } from '../../../../libs/contracts/workflow-ids';
import { DomainError, DomainErrorCode } from '../../../../libs/domain/domain-error';
import { formatMacAddress, parseMacAddress } from '../../../../libs/domain/mac-address';
import { NumberState } from '../../../../libs/domain/number-state';
import { PortalAction } from '../../../../libs/domain/permissions';
import { requireRegistrableModel } from '../../../../libs/domain/phone-registration';
import { cleanText, parseExtension, TextField } from '../../../../libs/domain/text-input';
import type { IpPhoneEntity, PhoneNumberEntity, RequestEntity } from '../../../../libs/persistence/entities';
import { RequestLauncher } from '../../../../libs/requests/request-launcher';
import { lockKeys } from '../../../../libs/requests/resource-locks';
import { PhoneInventory } from '../../../../libs/systems/inventory/phone-inventory';
import type { Caller } from '../auth/viewer';
import { PermissionService } from '../common/permission.service';
import { auditedRequest } from './request-audit';

export interface RegisterPhoneArgs {
  modelId: string;
  number: string;
  mac: string;
  office: string;
}

/** Registering and unregistering desk phones: the rules, the locks, the REQUESTED row, the workflow. */
@Injectable()
export class PhoneRegistrationService {
  constructor(
    private readonly phones: PhoneInventory,
    private readonly permissions: PermissionService,
    private readonly launcher: RequestLauncher,
    private readonly audit: AuditLog,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The number, if the caller may act on it with `action`; NOT_FOUND / NOT_OWNER / NOT_MANAGER otherwise. */
  async requireNumber(action: PortalAction, caller: Caller, text: string): Promise<PhoneNumberEntity> {
    const number = await this.phones.findNumber(text);
    if (!number) {
      throw new DomainError(
        DomainErrorCode.NOT_FOUND,
        `There is no number ${text}. Choose one of your numbers (numbersForNewPhone lists those without a phone).`,
      );
    }
    await this.permissions.require(action, caller, await this.permissions.numberTarget(number));
    return number;
  }

  async register(caller: Caller, args: RegisterPhoneArgs): Promise<RequestEntity> {
    const mac = parseMacAddress(args.mac);
    const office = cleanText(args.office, TextField.OFFICE);
    const numberText = parseExtension(args.number);
    const modelId = args.modelId.trim();
    // No catalogue id is long or holds control characters (PostgreSQL refuses NUL in text outright).
    const lookable = modelId.length <= 64 && !/\p{Cc}/u.test(modelId);
    const model = requireRegistrableModel(lookable ? await this.phones.findModel(modelId) : null, modelId);
    return auditedRequest(this.audit, caller, PortalAction.REGISTER_PHONE, mac, async () => {
      const number = await this.requireNumber(PortalAction.REGISTER_PHONE, caller, numberText);
      if (number.state !== NumberState.ACTIVE) {
        throw new DomainError(
          DomainErrorCode.INVALID_STATE,
          `${number.number} is ${number.state}; a phone can be registered on an active number only.`,
        );
      }
      await this.phones.requireNumberFree(number.number);
      await this.phones.requireMacFree(mac);
      const phoneId = randomUUID();
      return this.launcher.launch<RegisterPhoneInput>({
        kind: RequestKind.REGISTER_PHONE,
        workflowType: REGISTER_PHONE,
        workflowId: workflowIds.phone(mac),
        locks: [lockKeys.mac(mac), lockKeys.number(number.number)],
        requester: caller.login,
        actor: caller.actor,
        subject: formatMacAddress(mac, 'colon'),
        // The row is written under the locks; the partial unique indexes refuse a second live phone
        // on the MAC or the number even if two requests got past the checks above.
        prepare: {
          run: async (requestId) => {
            await this.phones.createRequested({
              id: phoneId,
              requestId,
              mac,
              number: number.number,
              modelId: model.id,
              office,
              ownerLogin: caller.login,
            });
          },
          undo: () => this.phones.forgetRequested(phoneId),
        },
        input: (common) => ({
          ...common,
          phoneId,
          mac,
          number: number.number,
          modelId: model.id,
          office,
          firstBootTimeoutMs: this.config.timers.firstBootTimeoutMs,
        }),
      });
    });
  }

  /** The live phone at this MAC, if the caller may act on it with `action` (the rule of its number). */
  async requirePhone(
    action: PortalAction,
    caller: Caller,
    mac: string,
  ): Promise<{ phone: IpPhoneEntity; number: PhoneNumberEntity }> {
    const phone = await this.phones.findLiveByMac(mac);
    if (!phone) {
      throw new DomainError(
        DomainErrorCode.NOT_FOUND,
        `No phone with MAC ${formatMacAddress(mac, 'colon')} is registered. Check the address in myPhones.`,
      );
    }
    return { phone, number: await this.requireNumber(action, caller, phone.number) };
  }

  async unregister(caller: Caller, macText: string): Promise<RequestEntity> {
    const mac = parseMacAddress(macText);
    return auditedRequest(this.audit, caller, PortalAction.UNREGISTER_PHONE, mac, async () => {
      const { phone, number } = await this.requirePhone(PortalAction.UNREGISTER_PHONE, caller, mac);
      return this.launcher.launch<UnregisterPhoneInput>({
        kind: RequestKind.UNREGISTER_PHONE,
        workflowType: UNREGISTER_PHONE,
        workflowId: workflowIds.phone(mac),
        locks: [lockKeys.mac(mac), lockKeys.number(number.number)],
        requester: caller.login,
        actor: caller.actor,
        subject: formatMacAddress(mac, 'colon'),
        input: (common) => ({ ...common, phoneId: phone.id, mac, number: phone.number }),
      });
    });
  }
}
