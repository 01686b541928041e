// Names for the shapes the portal reads. Each is generated (./generated, by `npm run codegen`) from
// schema.gql and the documents in ./operations, so none can drift from the API.
import { SYSTEMS } from '../../../../libs/contracts/systems';
import type { RequestAuditQuery } from './generated/desk';
import type { RequestFieldsFragment, RequestSummaryFieldsFragment } from './generated/fragments';
import type { MyLegacyNumbersQuery } from './generated/legacy';
import type { MyPersonalNumberQuery, MySharedNumbersQuery } from './generated/numbers';
import type { MyPhonesQuery } from './generated/phones';
import type { ReconciliationReportQuery, ReconciliationRunsQuery } from './generated/reconciliation';
import type { SystemName } from './generated/schema';
import type { MeQuery, PortalSettingsQuery, SandboxAccountsQuery } from './generated/session';

export type { RequestStatus, ResolveAction, StepStatus, SystemName, UndoStatus } from './generated/schema';

/** The systems in the order a request meets them (libs/contracts/systems), as GraphQL names them. */
export const SYSTEM_NAMES: readonly SystemName[] = SYSTEMS.map(
  (system) => system.toUpperCase() as Uppercase<typeof system>,
);

export type PortalSettings = PortalSettingsQuery['portalSettings'];
export type SandboxAccount = SandboxAccountsQuery['sandboxAccounts'][number];
export type Me = MeQuery['me'];

export type RequestView = RequestFieldsFragment;
export type RequestStep = RequestView['steps'][number];
export type ParkedState = NonNullable<RequestView['parked']>;
export type RequestSummary = RequestSummaryFieldsFragment;

export type PersonalNumber = NonNullable<MyPersonalNumberQuery['myPersonalNumber']>;
export type SharedNumber = MySharedNumbersQuery['mySharedNumbers'][number];
export type OwnershipOffer = MySharedNumbersQuery['myOwnershipOffers'][number];
export type LegacyNumber = MyLegacyNumbersQuery['myLegacyNumbers'][number];
export type ScheduledMigration = MyLegacyNumbersQuery['myMigrationSchedule'][number];

export type PhoneModel = MyPhonesQuery['phoneModels'][number];
export type IpPhone = MyPhonesQuery['myPhones'][number];
export type NumberForPhone = MyPhonesQuery['numbersForNewPhone'][number];

export type AuditEntry = RequestAuditQuery['requestAudit'][number];
export type ReconciliationRun = ReconciliationRunsQuery['reconciliationRuns'][number];
export type DriftItem = ReconciliationReportQuery['reconciliationReport']['items'][number];
