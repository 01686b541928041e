// The shapes the portal reads from the GraphQL API (schema.gql), limited to the fields it asks for.

export type RequestStatus =
  'ACCEPTED' | 'RUNNING' | 'COMPLETED' | 'FAILED' | 'COMPENSATING' | 'NEEDS_ATTENTION' | 'CANCELLED';
export type StepStatus = 'PENDING' | 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'SKIPPED' | 'NOT_RUN';
export type UndoStatus = 'NONE' | 'READY' | 'RUNNING' | 'DONE' | 'FAILED' | 'SKIPPED';
export type SystemName =
  'DHCP' | 'DIRECTORY' | 'INVENTORY' | 'LEGACY' | 'MAIL' | 'NETWORK' | 'PBX' | 'PROVISIONING';
export type ResolveAction = 'RETRY' | 'COMPENSATE' | 'SKIP';

export const SYSTEM_NAMES: readonly SystemName[] = [
  'INVENTORY',
  'DIRECTORY',
  'PBX',
  'NETWORK',
  'DHCP',
  'PROVISIONING',
  'LEGACY',
  'MAIL',
];

export const TERMINAL_STATUSES: readonly RequestStatus[] = ['COMPLETED', 'FAILED', 'CANCELLED'];

export interface PortalSettings {
  sandbox: boolean;
}

export interface SandboxAccount {
  login: string;
  name: string;
  personnelClass: string;
  eligible: boolean;
  ineligibleReason: string | null;
  isServiceDesk: boolean;
  unitAdminOf: string[];
}

export interface Me {
  login: string;
  name: string | null;
  mail: string | null;
  office: string | null;
  unit: string | null;
  personnelClass: string | null;
  eligible: boolean;
  ineligibleReason: string | null;
  isServiceDesk: boolean;
  unitAdminOf: string[];
}

export interface RequestStep {
  id: string;
  system: SystemName;
  action: string;
  status: StepStatus;
  attempts: number;
  lastError: string | null;
  note: string | null;
  startedAt: string | null;
  finishedAt: string | null;
  undo: UndoStatus;
  undoAttempts: number;
  undoError: string | null;
}

export interface ParkedState {
  stepId: string;
  system: SystemName;
  phase: string;
  error: string;
  since: string;
  allowedActions: ResolveAction[];
  decidesAt: string | null;
}

export interface RequestView {
  id: string;
  kind: string;
  status: RequestStatus;
  requester: string;
  actor: string;
  subject: string | null;
  number: string | null;
  failureReason: string | null;
  pastPointOfNoReturn: boolean;
  createdAt: string;
  updatedAt: string;
  finishedAt: string | null;
  workflowUrl: string;
  parked: ParkedState | null;
  steps: RequestStep[];
}

export type RequestSummary = Omit<RequestView, 'steps' | 'parked'> & {
  parked: Pick<ParkedState, 'system' | 'stepId' | 'error' | 'since'> | null;
};

export interface PersonalNumber {
  number: string;
  state: string;
  inPhonebook: boolean;
}

export interface SharedNumber {
  number: string;
  description: string | null;
  owner: string | null;
  managersGroup: { name: string; members: string[] } | null;
  inPhonebook: boolean;
  myRole: 'OWNER' | 'MANAGER';
  state: string;
}

export interface OwnershipOffer {
  requestId: string;
  number: string;
  description: string | null;
  currentOwner: string | null;
  proposedBy: string;
  expiresAt: string;
}

export interface MigrationOption {
  allowed: boolean;
  code: string | null;
  reason: string | null;
}

export interface LegacyNumber {
  number: string;
  service: 'SKYPE' | 'ANALOGUE' | 'VENDOR_IP';
  description: string | null;
  state: string;
  listedUnderCount: number;
  phone: { model: string | null; compatible: string | null; movesWithNumber: boolean } | null;
  migrateAsPersonal: MigrationOption;
  migrateAsShared: MigrationOption;
}

export interface ScheduledMigration {
  number: string;
  service: string;
  scheduledFor: string;
  campaignDate: string;
  earliestDate: string;
  maxDate: string;
  canChange: boolean;
  status: string;
  requestId: string | null;
}

export interface PhoneModel {
  id: string;
  manufacturer: string;
  name: string;
  compatible: 'YES' | 'NO' | 'SOON';
  addOn: boolean;
}

export interface IpPhone {
  id: string;
  name: string;
  number: string;
  mac: string;
  model: { id: string; name: string; manufacturer: string } | null;
  compatible: 'YES' | 'NO' | 'SOON';
  activation: string;
  office: string | null;
  requestId: string | null;
}

export interface NumberForPhone {
  number: string;
  type: string;
  description: string | null;
  role: 'OWNER' | 'MANAGER';
}

export interface AuditEntry {
  id: number;
  at: string;
  actor: string;
  onBehalfOf: string | null;
  action: string;
  system: string | null;
  target: string | null;
  result: string;
  reason: string | null;
  detail: string | null;
}

export interface ReconciliationRun {
  id: string;
  status: string;
  startedAt: string;
  finishedAt: string | null;
  startedBy: string;
  workflowUrl: string;
  systems: Array<{
    system: SystemName;
    status: string;
    checked: number;
    drift: number;
    error: string | null;
  }>;
}

export interface DriftItem {
  id: number;
  system: SystemName;
  resource: string;
  resourceType: string;
  kind: string;
  message: string;
  repairRequestId: string | null;
}
