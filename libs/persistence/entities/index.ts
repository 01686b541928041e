import { AuditEntryEntity } from './audit-entry.entity';
import { CampaignEntity, CampaignItemEntity } from './campaign.entity';
import { D60BaseEntity, IpPhoneEntity } from './ip-phone.entity';
import { LegacyListingEntity, LegacyNumberEntity } from './legacy-number.entity';
import { PhoneModelEntity } from './phone-model.entity';
import { MailDeliveryEntity } from './mail-delivery.entity';
import { OwnershipOfferEntity } from './ownership-offer.entity';
import { PersonEntity } from './person.entity';
import { ProvisioningConfigEntity } from './provisioning-config.entity';
import { PhoneNumberEntity } from './phone-number.entity';
import { DriftItemEntity, ReconciliationRunEntity } from './reconciliation.entities';
import { RequestEntity } from './request.entity';
import { ResourceLockEntity } from './resource-lock.entity';
import { SandboxEffectEntity, SandboxFaultEntity, SandboxRecordEntity } from './sandbox.entities';
import { SipCredentialEntity } from './sip-credential.entity';
import { WebSessionEntity } from './web-session.entity';

export * from './audit-entry.entity';
export * from './campaign.entity';
export * from './ip-phone.entity';
export * from './legacy-number.entity';
export * from './phone-model.entity';
export * from './mail-delivery.entity';
export * from './ownership-offer.entity';
export * from './person.entity';
export * from './provisioning-config.entity';
export * from './phone-number.entity';
export * from './reconciliation.entities';
export * from './request.entity';
export * from './resource-lock.entity';
export * from './sandbox.entities';
export * from './sip-credential.entity';
export * from './web-session.entity';

export const ENTITIES = [
  PersonEntity,
  PhoneNumberEntity,
  RequestEntity,
  ResourceLockEntity,
  SipCredentialEntity,
  AuditEntryEntity,
  MailDeliveryEntity,
  SandboxRecordEntity,
  SandboxFaultEntity,
  SandboxEffectEntity,
  LegacyNumberEntity,
  LegacyListingEntity,
  PhoneModelEntity,
  IpPhoneEntity,
  D60BaseEntity,
  ProvisioningConfigEntity,
  CampaignEntity,
  CampaignItemEntity,
  OwnershipOfferEntity,
  ReconciliationRunEntity,
  DriftItemEntity,
  WebSessionEntity,
];
