export type Maybe<T> = T | null;
export type InputMaybe<T> = T | null | undefined;
export type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
export type MakeOptional<T, K extends keyof T> = Omit<T, K> & { [SubKey in K]?: Maybe<T[SubKey]> };
export type MakeMaybe<T, K extends keyof T> = Omit<T, K> & { [SubKey in K]: Maybe<T[SubKey]> };
export type MakeEmpty<T extends { [key: string]: unknown }, K extends keyof T> = { [_ in K]?: never };
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  /** A date-time string at UTC, such as 2019-12-03T09:54:33Z, compliant with the date-time format. */
  DateTime: { input: string; output: string; }
};

/** Where one number of a migration campaign is. */
export type CampaignItemStatus =
  | 'CANCELLED'
  | 'FAILED'
  | 'PENDING'
  | 'RUNNING'
  | 'SKIPPED'
  | 'STARTING'
  | 'SUCCEEDED';

/** Where a migration campaign is. */
export type CampaignStatus =
  | 'CANCELLED'
  | 'COMPLETED'
  | 'PAUSED'
  | 'RUNNING'
  | 'SCHEDULED';

/** Whether a model works with the new phone system: YES, NO, or SOON (not yet). */
export type Compatibility =
  | 'NO'
  | 'SOON'
  | 'YES';

/** Narrows the service-desk queue; every field is optional. */
export type DeskRequestFilter = {
  /** What was asked, e.g. NEW_PERSONAL_NUMBER. */
  kind?: InputMaybe<Scalars['String']['input']>;
  /** Login of the person the request is for. */
  requester?: InputMaybe<Scalars['String']['input']>;
  status?: InputMaybe<RequestStatus>;
  /** The system of the failed or parked step. */
  system?: InputMaybe<SystemName>;
};

/** Whether a desk phone model works on the new service. */
export type LegacyPhoneCompatibility =
  | 'NO'
  | 'SOON'
  | 'YES';

/** The old service a number still runs on. */
export type LegacyService =
  | 'ANALOGUE'
  | 'SKYPE'
  | 'VENDOR_IP';

/** What a legacy number becomes once migrated. */
export type MigrationTarget =
  | 'PERSONAL'
  | 'SHARED';

/** What you are for a shared number: its owner, or a member of its managers e-group. */
export type NumberRole =
  | 'MANAGER'
  | 'OWNER';

/** Where a number is in its life. */
export type NumberState =
  | 'ACTIVE'
  | 'AVAILABLE'
  | 'DEACTIVATED'
  | 'LEGACY'
  | 'MIGRATING'
  | 'NEEDS_ATTENTION'
  | 'PROVISIONING'
  | 'QUARANTINED';

/** Where a desk phone is: REQUESTED → NETWORK_REGISTERED → CONFIG_PUBLISHED → PENDING_FIRST_BOOT → (CONFIG_FETCHED) → ACTIVE, or FAILED; UNREGISTERING → REMOVED. */
export type PhoneActivation =
  | 'ACTIVE'
  | 'CONFIG_FETCHED'
  | 'CONFIG_PUBLISHED'
  | 'FAILED'
  | 'NETWORK_REGISTERED'
  | 'PENDING_FIRST_BOOT'
  | 'REMOVED'
  | 'REQUESTED'
  | 'UNREGISTERING';

/** Where a request is in its life. */
export type RequestStatus =
  | 'ACCEPTED'
  | 'CANCELLED'
  | 'COMPENSATING'
  | 'COMPLETED'
  | 'FAILED'
  | 'NEEDS_ATTENTION'
  | 'RUNNING';

/** The service desk's decision on a parked request. */
export type ResolveAction =
  | 'COMPENSATE'
  | 'RETRY'
  | 'SKIP';

export type StepStatus =
  | 'FAILED'
  | 'NOT_RUN'
  | 'PENDING'
  | 'RUNNING'
  | 'SKIPPED'
  | 'SUCCEEDED';

/** The system a step acts on. */
export type SystemName =
  | 'DHCP'
  | 'DIRECTORY'
  | 'INVENTORY'
  | 'LEGACY'
  | 'MAIL'
  | 'NETWORK'
  | 'PBX'
  | 'PROVISIONING';

/** A rate limit for one system, overriding the campaign rate. */
export type SystemRateInput = {
  /** Migrations started per minute on that system. */
  perMinute: Scalars['Int']['input'];
  /** A system name, e.g. legacy or pbx. */
  system: Scalars['String']['input'];
};

/** Progress of the undo of a step. */
export type UndoStatus =
  | 'DONE'
  | 'FAILED'
  | 'NONE'
  | 'READY'
  | 'RUNNING'
  | 'SKIPPED';
