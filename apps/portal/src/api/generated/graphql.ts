/* eslint-disable */
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
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

export type RequestStepFieldsFragment = { id: string, system: SystemName, action: string, status: StepStatus, attempts: number, lastError: string | null, note: string | null, startedAt: string | null, finishedAt: string | null, undo: UndoStatus, undoAttempts: number, undoError: string | null };

export type RequestFieldsFragment = { id: string, kind: string, status: RequestStatus, requester: string, actor: string, subject: string | null, number: string | null, failureReason: string | null, pastPointOfNoReturn: boolean, createdAt: string, updatedAt: string, finishedAt: string | null, workflowUrl: string, parked: { stepId: string, system: SystemName, phase: string, error: string, since: string, allowedActions: Array<ResolveAction>, decidesAt: string | null } | null, steps: Array<{ id: string, system: SystemName, action: string, status: StepStatus, attempts: number, lastError: string | null, note: string | null, startedAt: string | null, finishedAt: string | null, undo: UndoStatus, undoAttempts: number, undoError: string | null }> };

export type RequestSummaryFieldsFragment = { id: string, kind: string, status: RequestStatus, requester: string, actor: string, subject: string | null, number: string | null, failureReason: string | null, pastPointOfNoReturn: boolean, createdAt: string, updatedAt: string, finishedAt: string | null, workflowUrl: string, parked: { system: SystemName, stepId: string, error: string, since: string } | null };

export type AcceptedRequestFragment = { id: string, status: RequestStatus, kind: string };

export type PortalSettingsQueryVariables = Exact<{ [key: string]: never; }>;


export type PortalSettingsQuery = { portalSettings: { sandbox: boolean } };

export type SandboxAccountsQueryVariables = Exact<{ [key: string]: never; }>;


export type SandboxAccountsQuery = { sandboxAccounts: Array<{ login: string, name: string, personnelClass: string, personnelCode: string | null, eligible: boolean, ineligibleReason: string | null, isServiceDesk: boolean, unitAdminOf: Array<string> }> };

export type MeQueryVariables = Exact<{ [key: string]: never; }>;


export type MeQuery = { me: { login: string, name: string | null, mail: string | null, office: string | null, unit: string | null, personnelClass: string | null, personnelCode: string | null, eligible: boolean, ineligibleReason: string | null, isServiceDesk: boolean, unitAdminOf: Array<string> } };

export type PersonQueryVariables = Exact<{ [key: string]: never; }>;


export type PersonQuery = { me: { login: string, name: string | null } };

export type MyPersonalNumberQueryVariables = Exact<{ [key: string]: never; }>;


export type MyPersonalNumberQuery = { myPersonalNumber: { number: string, state: NumberState, inPhonebook: boolean } | null };

export type MySharedNumbersQueryVariables = Exact<{ [key: string]: never; }>;


export type MySharedNumbersQuery = { mySharedNumbers: Array<{ number: string, description: string | null, owner: string | null, inPhonebook: boolean, myRole: NumberRole, state: NumberState, managersGroup: { name: string, members: Array<string> } | null }>, myOwnershipOffers: Array<{ requestId: string, number: string, description: string | null, currentOwner: string | null, proposedBy: string, expiresAt: string }> };

export type MyLegacyNumbersQueryVariables = Exact<{ [key: string]: never; }>;


export type MyLegacyNumbersQuery = { myLegacyNumbers: Array<{ number: string, service: LegacyService, description: string | null, state: string, listedUnderCount: number, phone: { model: string | null, compatible: LegacyPhoneCompatibility | null, movesWithNumber: boolean } | null, migrateAsPersonal: { allowed: boolean, code: string | null, reason: string | null }, migrateAsShared: { allowed: boolean, code: string | null, reason: string | null } }>, myMigrationSchedule: Array<{ number: string, service: string, scheduledFor: string, campaignDate: string, earliestDate: string, maxDate: string, canChange: boolean, status: CampaignItemStatus, requestId: string | null }> };

export type MyPhonesQueryVariables = Exact<{ [key: string]: never; }>;


export type MyPhonesQuery = { myPhones: Array<{ id: string, name: string, number: string, mac: string, compatible: Compatibility, activation: PhoneActivation, office: string | null, requestId: string | null, model: { id: string, name: string, manufacturer: string } | null }>, numbersForNewPhone: Array<{ number: string, type: string, description: string | null, role: NumberRole }>, phoneModels: Array<{ id: string, manufacturer: string, name: string, compatible: Compatibility, addOn: boolean }> };

export type MyRequestsQueryVariables = Exact<{ [key: string]: never; }>;


export type MyRequestsQuery = { myRequests: Array<{ id: string, kind: string, status: RequestStatus, requester: string, actor: string, subject: string | null, number: string | null, failureReason: string | null, pastPointOfNoReturn: boolean, createdAt: string, updatedAt: string, finishedAt: string | null, workflowUrl: string, parked: { system: SystemName, stepId: string, error: string, since: string } | null }> };

export type RequestQueryVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type RequestQuery = { request: { id: string, kind: string, status: RequestStatus, requester: string, actor: string, subject: string | null, number: string | null, failureReason: string | null, pastPointOfNoReturn: boolean, createdAt: string, updatedAt: string, finishedAt: string | null, workflowUrl: string, parked: { stepId: string, system: SystemName, phase: string, error: string, since: string, allowedActions: Array<ResolveAction>, decidesAt: string | null } | null, steps: Array<{ id: string, system: SystemName, action: string, status: StepStatus, attempts: number, lastError: string | null, note: string | null, startedAt: string | null, finishedAt: string | null, undo: UndoStatus, undoAttempts: number, undoError: string | null }> } };

export type StuckRequestsQueryVariables = Exact<{
  system?: InputMaybe<SystemName>;
  requester?: InputMaybe<Scalars['String']['input']>;
}>;


export type StuckRequestsQuery = { stuckRequests: Array<{ id: string, kind: string, status: RequestStatus, requester: string, actor: string, subject: string | null, number: string | null, failureReason: string | null, pastPointOfNoReturn: boolean, createdAt: string, updatedAt: string, finishedAt: string | null, workflowUrl: string, parked: { stepId: string, system: SystemName, phase: string, error: string, since: string, allowedActions: Array<ResolveAction>, decidesAt: string | null } | null, steps: Array<{ id: string, system: SystemName, action: string, status: StepStatus, attempts: number, lastError: string | null, note: string | null, startedAt: string | null, finishedAt: string | null, undo: UndoStatus, undoAttempts: number, undoError: string | null }> }> };

export type DeskRequestsQueryVariables = Exact<{
  first: Scalars['Int']['input'];
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<DeskRequestFilter>;
}>;


export type DeskRequestsQuery = { deskRequests: { nodes: Array<{ id: string, kind: string, status: RequestStatus, requester: string, actor: string, subject: string | null, number: string | null, failureReason: string | null, pastPointOfNoReturn: boolean, createdAt: string, updatedAt: string, finishedAt: string | null, workflowUrl: string, parked: { system: SystemName, stepId: string, error: string, since: string } | null }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type RequestAuditQueryVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type RequestAuditQuery = { requestAudit: Array<{ id: number, at: string, actor: string, onBehalfOf: string | null, action: string, system: string | null, target: string | null, result: string, reason: string | null, detail: string | null }> };

export type ReconciliationRunsQueryVariables = Exact<{ [key: string]: never; }>;


export type ReconciliationRunsQuery = { reconciliationRuns: Array<{ id: string, status: string, startedAt: string, finishedAt: string | null, startedBy: string, workflowUrl: string, systems: Array<{ system: SystemName, status: string, checked: number, drift: number, error: string | null }> }> };

export type ReconciliationReportQueryVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type ReconciliationReportQuery = { reconciliationReport: { items: Array<{ id: number, system: SystemName, resource: string, resourceType: string, kind: string, message: string, repairRequestId: string | null }>, pageInfo: { hasNextPage: boolean } } };

export type RequestPersonalNumberMutationVariables = Exact<{ [key: string]: never; }>;


export type RequestPersonalNumberMutation = { requestPersonalNumber: { id: string, status: RequestStatus, kind: string } };

export type SetPhonebookListingMutationVariables = Exact<{
  number: Scalars['String']['input'];
  listed: Scalars['Boolean']['input'];
}>;


export type SetPhonebookListingMutation = { setPhonebookListing: { id: string, status: RequestStatus, kind: string } };

export type TurnToSharedMutationVariables = Exact<{
  number: Scalars['String']['input'];
  description: Scalars['String']['input'];
  managers: Array<Scalars['String']['input']> | Scalars['String']['input'];
}>;


export type TurnToSharedMutation = { turnToShared: { id: string, status: RequestStatus, kind: string } };

export type DeleteNumberMutationVariables = Exact<{
  number: Scalars['String']['input'];
}>;


export type DeleteNumberMutation = { deleteNumber: { id: string, status: RequestStatus, kind: string } };

export type RequestSharedNumberMutationVariables = Exact<{
  description: Scalars['String']['input'];
  managers: Array<Scalars['String']['input']> | Scalars['String']['input'];
}>;


export type RequestSharedNumberMutation = { requestSharedNumber: { id: string, status: RequestStatus, kind: string } };

export type ChangeDescriptionMutationVariables = Exact<{
  number: Scalars['String']['input'];
  description: Scalars['String']['input'];
}>;


export type ChangeDescriptionMutation = { changeDescription: { id: string, status: RequestStatus, kind: string } };

export type SetManagersMutationVariables = Exact<{
  number: Scalars['String']['input'];
  members: Array<Scalars['String']['input']> | Scalars['String']['input'];
}>;


export type SetManagersMutation = { setManagers: { id: string, status: RequestStatus, kind: string } };

export type ProposeOwnerMutationVariables = Exact<{
  number: Scalars['String']['input'];
  newOwner: Scalars['String']['input'];
}>;


export type ProposeOwnerMutation = { proposeOwner: { id: string, status: RequestStatus, kind: string } };

export type RespondToOwnershipMutationVariables = Exact<{
  requestId: Scalars['ID']['input'];
  accept: Scalars['Boolean']['input'];
}>;


export type RespondToOwnershipMutation = { respondToOwnership: { id: string, status: RequestStatus, kind: string } };

export type MigrateLegacyNumberMutationVariables = Exact<{
  number: Scalars['String']['input'];
  as: MigrationTarget;
  description?: InputMaybe<Scalars['String']['input']>;
  managers?: InputMaybe<Array<Scalars['String']['input']> | Scalars['String']['input']>;
}>;


export type MigrateLegacyNumberMutation = { migrateLegacyNumber: { id: string, status: RequestStatus, kind: string } };

export type MoveMyMigrationMutationVariables = Exact<{
  number: Scalars['String']['input'];
  date: Scalars['String']['input'];
}>;


export type MoveMyMigrationMutation = { moveMyMigration: { scheduledFor: string } };

export type MigrateNowMutationVariables = Exact<{
  number: Scalars['String']['input'];
}>;


export type MigrateNowMutation = { migrateNow: { id: string, status: RequestStatus, kind: string } };

export type RegisterPhoneMutationVariables = Exact<{
  modelId: Scalars['ID']['input'];
  number: Scalars['String']['input'];
  mac: Scalars['String']['input'];
  office: Scalars['String']['input'];
}>;


export type RegisterPhoneMutation = { registerPhone: { id: string, status: RequestStatus, kind: string } };

export type UnregisterPhoneMutationVariables = Exact<{
  mac: Scalars['String']['input'];
}>;


export type UnregisterPhoneMutation = { unregisterPhone: { id: string, status: RequestStatus, kind: string } };

export type SimulatePhoneBootMutationVariables = Exact<{
  mac: Scalars['String']['input'];
}>;


export type SimulatePhoneBootMutation = { simulatePhoneBoot: { mac: string, registered: boolean } };

export type ResolveRequestMutationVariables = Exact<{
  id: Scalars['ID']['input'];
  action: ResolveAction;
  reason: Scalars['String']['input'];
}>;


export type ResolveRequestMutation = { resolveRequest: { id: string, status: RequestStatus, kind: string } };

export type CancelRequestMutationVariables = Exact<{
  id: Scalars['ID']['input'];
  reason: Scalars['String']['input'];
}>;


export type CancelRequestMutation = { cancelRequest: { id: string, status: RequestStatus, kind: string } };

export type StartReconciliationMutationVariables = Exact<{ [key: string]: never; }>;


export type StartReconciliationMutation = { startReconciliation: { id: string, status: string } };

export type RepairDriftMutationVariables = Exact<{
  resource: Scalars['String']['input'];
}>;


export type RepairDriftMutation = { repairDrift: { id: string, status: RequestStatus, kind: string } };

export class TypedDocumentString<TResult, TVariables>
  extends String
  implements DocumentTypeDecoration<TResult, TVariables>
{
  __apiType?: NonNullable<DocumentTypeDecoration<TResult, TVariables>['__apiType']>;
  private value: string;
  public __meta__?: Record<string, any> | undefined;

  constructor(value: string, __meta__?: Record<string, any> | undefined) {
    super(value);
    this.value = value;
    this.__meta__ = __meta__;
  }

  override toString(): string & DocumentTypeDecoration<TResult, TVariables> {
    return this.value;
  }
}
export const RequestStepFieldsFragmentDoc = new TypedDocumentString(`
    fragment RequestStepFields on RequestStep {
  id
  system
  action
  status
  attempts
  lastError
  note
  startedAt
  finishedAt
  undo
  undoAttempts
  undoError
}
    `, {"fragmentName":"RequestStepFields"}) as unknown as TypedDocumentString<RequestStepFieldsFragment, unknown>;
export const RequestFieldsFragmentDoc = new TypedDocumentString(`
    fragment RequestFields on Request {
  id
  kind
  status
  requester
  actor
  subject
  number
  failureReason
  pastPointOfNoReturn
  createdAt
  updatedAt
  finishedAt
  workflowUrl
  parked {
    stepId
    system
    phase
    error
    since
    allowedActions
    decidesAt
  }
  steps {
    ...RequestStepFields
  }
}
    fragment RequestStepFields on RequestStep {
  id
  system
  action
  status
  attempts
  lastError
  note
  startedAt
  finishedAt
  undo
  undoAttempts
  undoError
}`, {"fragmentName":"RequestFields"}) as unknown as TypedDocumentString<RequestFieldsFragment, unknown>;
export const RequestSummaryFieldsFragmentDoc = new TypedDocumentString(`
    fragment RequestSummaryFields on Request {
  id
  kind
  status
  requester
  actor
  subject
  number
  failureReason
  pastPointOfNoReturn
  createdAt
  updatedAt
  finishedAt
  workflowUrl
  parked {
    system
    stepId
    error
    since
  }
}
    `, {"fragmentName":"RequestSummaryFields"}) as unknown as TypedDocumentString<RequestSummaryFieldsFragment, unknown>;
export const AcceptedRequestFragmentDoc = new TypedDocumentString(`
    fragment AcceptedRequest on Request {
  id
  status
  kind
}
    `, {"fragmentName":"AcceptedRequest"}) as unknown as TypedDocumentString<AcceptedRequestFragment, unknown>;
export const PortalSettingsDocument = new TypedDocumentString(`
    query PortalSettings {
  portalSettings {
    sandbox
  }
}
    `) as unknown as TypedDocumentString<PortalSettingsQuery, PortalSettingsQueryVariables>;
export const SandboxAccountsDocument = new TypedDocumentString(`
    query SandboxAccounts {
  sandboxAccounts {
    login
    name
    personnelClass
    personnelCode
    eligible
    ineligibleReason
    isServiceDesk
    unitAdminOf
  }
}
    `) as unknown as TypedDocumentString<SandboxAccountsQuery, SandboxAccountsQueryVariables>;
export const MeDocument = new TypedDocumentString(`
    query Me {
  me {
    login
    name
    mail
    office
    unit
    personnelClass
    personnelCode
    eligible
    ineligibleReason
    isServiceDesk
    unitAdminOf
  }
}
    `) as unknown as TypedDocumentString<MeQuery, MeQueryVariables>;
export const PersonDocument = new TypedDocumentString(`
    query Person {
  me {
    login
    name
  }
}
    `) as unknown as TypedDocumentString<PersonQuery, PersonQueryVariables>;
export const MyPersonalNumberDocument = new TypedDocumentString(`
    query MyPersonalNumber {
  myPersonalNumber {
    number
    state
    inPhonebook
  }
}
    `) as unknown as TypedDocumentString<MyPersonalNumberQuery, MyPersonalNumberQueryVariables>;
export const MySharedNumbersDocument = new TypedDocumentString(`
    query MySharedNumbers {
  mySharedNumbers {
    number
    description
    owner
    managersGroup {
      name
      members
    }
    inPhonebook
    myRole
    state
  }
  myOwnershipOffers {
    requestId
    number
    description
    currentOwner
    proposedBy
    expiresAt
  }
}
    `) as unknown as TypedDocumentString<MySharedNumbersQuery, MySharedNumbersQueryVariables>;
export const MyLegacyNumbersDocument = new TypedDocumentString(`
    query MyLegacyNumbers {
  myLegacyNumbers {
    number
    service
    description
    state
    listedUnderCount
    phone {
      model
      compatible
      movesWithNumber
    }
    migrateAsPersonal {
      allowed
      code
      reason
    }
    migrateAsShared {
      allowed
      code
      reason
    }
  }
  myMigrationSchedule {
    number
    service
    scheduledFor
    campaignDate
    earliestDate
    maxDate
    canChange
    status
    requestId
  }
}
    `) as unknown as TypedDocumentString<MyLegacyNumbersQuery, MyLegacyNumbersQueryVariables>;
export const MyPhonesDocument = new TypedDocumentString(`
    query MyPhones {
  myPhones {
    id
    name
    number
    mac
    model {
      id
      name
      manufacturer
    }
    compatible
    activation
    office
    requestId
  }
  numbersForNewPhone {
    number
    type
    description
    role
  }
  phoneModels {
    id
    manufacturer
    name
    compatible
    addOn
  }
}
    `) as unknown as TypedDocumentString<MyPhonesQuery, MyPhonesQueryVariables>;
export const MyRequestsDocument = new TypedDocumentString(`
    query MyRequests {
  myRequests {
    ...RequestSummaryFields
  }
}
    fragment RequestSummaryFields on Request {
  id
  kind
  status
  requester
  actor
  subject
  number
  failureReason
  pastPointOfNoReturn
  createdAt
  updatedAt
  finishedAt
  workflowUrl
  parked {
    system
    stepId
    error
    since
  }
}`) as unknown as TypedDocumentString<MyRequestsQuery, MyRequestsQueryVariables>;
export const RequestDocument = new TypedDocumentString(`
    query Request($id: ID!) {
  request(id: $id) {
    ...RequestFields
  }
}
    fragment RequestStepFields on RequestStep {
  id
  system
  action
  status
  attempts
  lastError
  note
  startedAt
  finishedAt
  undo
  undoAttempts
  undoError
}
fragment RequestFields on Request {
  id
  kind
  status
  requester
  actor
  subject
  number
  failureReason
  pastPointOfNoReturn
  createdAt
  updatedAt
  finishedAt
  workflowUrl
  parked {
    stepId
    system
    phase
    error
    since
    allowedActions
    decidesAt
  }
  steps {
    ...RequestStepFields
  }
}`) as unknown as TypedDocumentString<RequestQuery, RequestQueryVariables>;
export const StuckRequestsDocument = new TypedDocumentString(`
    query StuckRequests($system: SystemName, $requester: String) {
  stuckRequests(system: $system, requester: $requester) {
    ...RequestFields
  }
}
    fragment RequestStepFields on RequestStep {
  id
  system
  action
  status
  attempts
  lastError
  note
  startedAt
  finishedAt
  undo
  undoAttempts
  undoError
}
fragment RequestFields on Request {
  id
  kind
  status
  requester
  actor
  subject
  number
  failureReason
  pastPointOfNoReturn
  createdAt
  updatedAt
  finishedAt
  workflowUrl
  parked {
    stepId
    system
    phase
    error
    since
    allowedActions
    decidesAt
  }
  steps {
    ...RequestStepFields
  }
}`) as unknown as TypedDocumentString<StuckRequestsQuery, StuckRequestsQueryVariables>;
export const DeskRequestsDocument = new TypedDocumentString(`
    query DeskRequests($first: Int!, $after: String, $filter: DeskRequestFilter) {
  deskRequests(first: $first, after: $after, filter: $filter) {
    nodes {
      ...RequestSummaryFields
    }
    pageInfo {
      hasNextPage
      endCursor
    }
  }
}
    fragment RequestSummaryFields on Request {
  id
  kind
  status
  requester
  actor
  subject
  number
  failureReason
  pastPointOfNoReturn
  createdAt
  updatedAt
  finishedAt
  workflowUrl
  parked {
    system
    stepId
    error
    since
  }
}`) as unknown as TypedDocumentString<DeskRequestsQuery, DeskRequestsQueryVariables>;
export const RequestAuditDocument = new TypedDocumentString(`
    query RequestAudit($id: ID!) {
  requestAudit(requestId: $id) {
    id
    at
    actor
    onBehalfOf
    action
    system
    target
    result
    reason
    detail
  }
}
    `) as unknown as TypedDocumentString<RequestAuditQuery, RequestAuditQueryVariables>;
export const ReconciliationRunsDocument = new TypedDocumentString(`
    query ReconciliationRuns {
  reconciliationRuns(first: 5) {
    id
    status
    startedAt
    finishedAt
    startedBy
    workflowUrl
    systems {
      system
      status
      checked
      drift
      error
    }
  }
}
    `) as unknown as TypedDocumentString<ReconciliationRunsQuery, ReconciliationRunsQueryVariables>;
export const ReconciliationReportDocument = new TypedDocumentString(`
    query ReconciliationReport($id: ID!) {
  reconciliationReport(id: $id, first: 100) {
    items {
      id
      system
      resource
      resourceType
      kind
      message
      repairRequestId
    }
    pageInfo {
      hasNextPage
    }
  }
}
    `) as unknown as TypedDocumentString<ReconciliationReportQuery, ReconciliationReportQueryVariables>;
export const RequestPersonalNumberDocument = new TypedDocumentString(`
    mutation RequestPersonalNumber {
  requestPersonalNumber {
    ...AcceptedRequest
  }
}
    fragment AcceptedRequest on Request {
  id
  status
  kind
}`) as unknown as TypedDocumentString<RequestPersonalNumberMutation, RequestPersonalNumberMutationVariables>;
export const SetPhonebookListingDocument = new TypedDocumentString(`
    mutation SetPhonebookListing($number: String!, $listed: Boolean!) {
  setPhonebookListing(number: $number, listed: $listed) {
    ...AcceptedRequest
  }
}
    fragment AcceptedRequest on Request {
  id
  status
  kind
}`) as unknown as TypedDocumentString<SetPhonebookListingMutation, SetPhonebookListingMutationVariables>;
export const TurnToSharedDocument = new TypedDocumentString(`
    mutation TurnToShared($number: String!, $description: String!, $managers: [String!]!) {
  turnToShared(number: $number, description: $description, managers: $managers) {
    ...AcceptedRequest
  }
}
    fragment AcceptedRequest on Request {
  id
  status
  kind
}`) as unknown as TypedDocumentString<TurnToSharedMutation, TurnToSharedMutationVariables>;
export const DeleteNumberDocument = new TypedDocumentString(`
    mutation DeleteNumber($number: String!) {
  deleteNumber(number: $number) {
    ...AcceptedRequest
  }
}
    fragment AcceptedRequest on Request {
  id
  status
  kind
}`) as unknown as TypedDocumentString<DeleteNumberMutation, DeleteNumberMutationVariables>;
export const RequestSharedNumberDocument = new TypedDocumentString(`
    mutation RequestSharedNumber($description: String!, $managers: [String!]!) {
  requestSharedNumber(description: $description, managers: $managers) {
    ...AcceptedRequest
  }
}
    fragment AcceptedRequest on Request {
  id
  status
  kind
}`) as unknown as TypedDocumentString<RequestSharedNumberMutation, RequestSharedNumberMutationVariables>;
export const ChangeDescriptionDocument = new TypedDocumentString(`
    mutation ChangeDescription($number: String!, $description: String!) {
  changeDescription(number: $number, description: $description) {
    ...AcceptedRequest
  }
}
    fragment AcceptedRequest on Request {
  id
  status
  kind
}`) as unknown as TypedDocumentString<ChangeDescriptionMutation, ChangeDescriptionMutationVariables>;
export const SetManagersDocument = new TypedDocumentString(`
    mutation SetManagers($number: String!, $members: [String!]!) {
  setManagers(number: $number, members: $members) {
    ...AcceptedRequest
  }
}
    fragment AcceptedRequest on Request {
  id
  status
  kind
}`) as unknown as TypedDocumentString<SetManagersMutation, SetManagersMutationVariables>;
export const ProposeOwnerDocument = new TypedDocumentString(`
    mutation ProposeOwner($number: String!, $newOwner: String!) {
  proposeOwner(number: $number, newOwner: $newOwner) {
    ...AcceptedRequest
  }
}
    fragment AcceptedRequest on Request {
  id
  status
  kind
}`) as unknown as TypedDocumentString<ProposeOwnerMutation, ProposeOwnerMutationVariables>;
export const RespondToOwnershipDocument = new TypedDocumentString(`
    mutation RespondToOwnership($requestId: ID!, $accept: Boolean!) {
  respondToOwnership(requestId: $requestId, accept: $accept) {
    ...AcceptedRequest
  }
}
    fragment AcceptedRequest on Request {
  id
  status
  kind
}`) as unknown as TypedDocumentString<RespondToOwnershipMutation, RespondToOwnershipMutationVariables>;
export const MigrateLegacyNumberDocument = new TypedDocumentString(`
    mutation MigrateLegacyNumber($number: String!, $as: MigrationTarget!, $description: String, $managers: [String!]) {
  migrateLegacyNumber(
    number: $number
    as: $as
    description: $description
    managers: $managers
  ) {
    ...AcceptedRequest
  }
}
    fragment AcceptedRequest on Request {
  id
  status
  kind
}`) as unknown as TypedDocumentString<MigrateLegacyNumberMutation, MigrateLegacyNumberMutationVariables>;
export const MoveMyMigrationDocument = new TypedDocumentString(`
    mutation MoveMyMigration($number: String!, $date: String!) {
  moveMyMigration(number: $number, date: $date) {
    scheduledFor
  }
}
    `) as unknown as TypedDocumentString<MoveMyMigrationMutation, MoveMyMigrationMutationVariables>;
export const MigrateNowDocument = new TypedDocumentString(`
    mutation MigrateNow($number: String!) {
  migrateNow(number: $number) {
    ...AcceptedRequest
  }
}
    fragment AcceptedRequest on Request {
  id
  status
  kind
}`) as unknown as TypedDocumentString<MigrateNowMutation, MigrateNowMutationVariables>;
export const RegisterPhoneDocument = new TypedDocumentString(`
    mutation RegisterPhone($modelId: ID!, $number: String!, $mac: String!, $office: String!) {
  registerPhone(modelId: $modelId, number: $number, mac: $mac, office: $office) {
    ...AcceptedRequest
  }
}
    fragment AcceptedRequest on Request {
  id
  status
  kind
}`) as unknown as TypedDocumentString<RegisterPhoneMutation, RegisterPhoneMutationVariables>;
export const UnregisterPhoneDocument = new TypedDocumentString(`
    mutation UnregisterPhone($mac: String!) {
  unregisterPhone(mac: $mac) {
    ...AcceptedRequest
  }
}
    fragment AcceptedRequest on Request {
  id
  status
  kind
}`) as unknown as TypedDocumentString<UnregisterPhoneMutation, UnregisterPhoneMutationVariables>;
export const SimulatePhoneBootDocument = new TypedDocumentString(`
    mutation SimulatePhoneBoot($mac: String!) {
  simulatePhoneBoot(mac: $mac) {
    mac
    registered
  }
}
    `) as unknown as TypedDocumentString<SimulatePhoneBootMutation, SimulatePhoneBootMutationVariables>;
export const ResolveRequestDocument = new TypedDocumentString(`
    mutation ResolveRequest($id: ID!, $action: ResolveAction!, $reason: String!) {
  resolveRequest(id: $id, action: $action, reason: $reason) {
    ...AcceptedRequest
  }
}
    fragment AcceptedRequest on Request {
  id
  status
  kind
}`) as unknown as TypedDocumentString<ResolveRequestMutation, ResolveRequestMutationVariables>;
export const CancelRequestDocument = new TypedDocumentString(`
    mutation CancelRequest($id: ID!, $reason: String!) {
  cancelRequest(id: $id, reason: $reason) {
    ...AcceptedRequest
  }
}
    fragment AcceptedRequest on Request {
  id
  status
  kind
}`) as unknown as TypedDocumentString<CancelRequestMutation, CancelRequestMutationVariables>;
export const StartReconciliationDocument = new TypedDocumentString(`
    mutation StartReconciliation {
  startReconciliation {
    id
    status
  }
}
    `) as unknown as TypedDocumentString<StartReconciliationMutation, StartReconciliationMutationVariables>;
export const RepairDriftDocument = new TypedDocumentString(`
    mutation RepairDrift($resource: String!) {
  repairDrift(resource: $resource) {
    ...AcceptedRequest
  }
}
    fragment AcceptedRequest on Request {
  id
  status
  kind
}`) as unknown as TypedDocumentString<RepairDriftMutation, RepairDriftMutationVariables>;