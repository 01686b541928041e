// Every GraphQL document the portal sends, in one place. `npm run codegen` reads them (with
// schema.gql) and writes ./generated: each `gql(…)` below returns a typed document, so a call's
// variables and its answer are checked against the schema. After changing a document, run it again.
import { gql } from './generated';

/** Fragments the operations below share; codegen appends them to the documents that use them. */
export const F = {
  step: gql(`fragment RequestStepFields on RequestStep {
    id system action status attempts lastError note startedAt finishedAt undo undoAttempts undoError
  }`),
  request: gql(`fragment RequestFields on Request {
    id kind status requester actor subject number failureReason pastPointOfNoReturn
    createdAt updatedAt finishedAt workflowUrl
    parked { stepId system phase error since allowedActions decidesAt }
    steps { ...RequestStepFields }
  }`),
  summary: gql(`fragment RequestSummaryFields on Request {
    id kind status requester actor subject number failureReason pastPointOfNoReturn
    createdAt updatedAt finishedAt workflowUrl
    parked { system stepId error since }
  }`),
  /** What a mutation that starts a request returns. */
  accepted: gql(`fragment AcceptedRequest on Request { id status kind }`),
} as const;

export const Q = {
  settings: gql(`query PortalSettings { portalSettings { sandbox } }`),
  accounts: gql(`query SandboxAccounts {
    sandboxAccounts { login name personnelClass personnelCode eligible ineligibleReason isServiceDesk unitAdminOf }
  }`),
  me: gql(`query Me {
    me { login name mail office unit personnelClass personnelCode eligible ineligibleReason isServiceDesk unitAdminOf }
  }`),
  /** The service desk checks a login before acting for that person. */
  person: gql(`query Person { me { login name } }`),
  personal: gql(`query MyPersonalNumber { myPersonalNumber { number state inPhonebook } }`),
  shared: gql(`query MySharedNumbers {
    mySharedNumbers { number description owner managersGroup { name members } inPhonebook myRole state }
    myOwnershipOffers { requestId number description currentOwner proposedBy expiresAt }
  }`),
  legacy: gql(`query MyLegacyNumbers {
    myLegacyNumbers {
      number service description state listedUnderCount
      phone { model compatible movesWithNumber }
      migrateAsPersonal { allowed code reason }
      migrateAsShared { allowed code reason }
    }
    myMigrationSchedule { number service scheduledFor campaignDate earliestDate maxDate canChange status requestId }
  }`),
  phones: gql(`query MyPhones {
    myPhones { id name number mac model { id name manufacturer } compatible activation office requestId }
    numbersForNewPhone { number type description role }
    phoneModels { id manufacturer name compatible addOn }
  }`),
  myRequests: gql(`query MyRequests { myRequests { ...RequestSummaryFields } }`),
  request: gql(`query Request($id: ID!) { request(id: $id) { ...RequestFields } }`),
  // Service desk.
  stuck: gql(`query StuckRequests($system: SystemName, $requester: String) {
    stuckRequests(system: $system, requester: $requester) { ...RequestFields }
  }`),
  deskRequests: gql(`query DeskRequests($first: Int!, $after: String, $filter: DeskRequestFilter) {
    deskRequests(first: $first, after: $after, filter: $filter) {
      nodes { ...RequestSummaryFields }
      pageInfo { hasNextPage endCursor }
    }
  }`),
  audit: gql(`query RequestAudit($id: ID!) {
    requestAudit(requestId: $id) { id at actor onBehalfOf action system target result reason detail }
  }`),
  runs: gql(`query ReconciliationRuns {
    reconciliationRuns(first: 5) {
      id status startedAt finishedAt startedBy workflowUrl
      systems { system status checked drift error }
    }
  }`),
  report: gql(`query ReconciliationReport($id: ID!) {
    reconciliationReport(id: $id, first: 100) {
      items { id system resource resourceType kind message repairRequestId }
      pageInfo { hasNextPage }
    }
  }`),
} as const;

export const M = {
  requestPersonal: gql(`mutation RequestPersonalNumber { requestPersonalNumber { ...AcceptedRequest } }`),
  setPhonebook: gql(`mutation SetPhonebookListing($number: String!, $listed: Boolean!) {
    setPhonebookListing(number: $number, listed: $listed) { ...AcceptedRequest }
  }`),
  turnToShared: gql(`mutation TurnToShared($number: String!, $description: String!, $managers: [String!]!) {
    turnToShared(number: $number, description: $description, managers: $managers) { ...AcceptedRequest }
  }`),
  deleteNumber: gql(
    `mutation DeleteNumber($number: String!) { deleteNumber(number: $number) { ...AcceptedRequest } }`,
  ),
  requestShared: gql(`mutation RequestSharedNumber($description: String!, $managers: [String!]!) {
    requestSharedNumber(description: $description, managers: $managers) { ...AcceptedRequest }
  }`),
  changeDescription: gql(`mutation ChangeDescription($number: String!, $description: String!) {
    changeDescription(number: $number, description: $description) { ...AcceptedRequest }
  }`),
  setManagers: gql(`mutation SetManagers($number: String!, $members: [String!]!) {
    setManagers(number: $number, members: $members) { ...AcceptedRequest }
  }`),
  proposeOwner: gql(`mutation ProposeOwner($number: String!, $newOwner: String!) {
    proposeOwner(number: $number, newOwner: $newOwner) { ...AcceptedRequest }
  }`),
  respondToOwnership: gql(`mutation RespondToOwnership($requestId: ID!, $accept: Boolean!) {
    respondToOwnership(requestId: $requestId, accept: $accept) { ...AcceptedRequest }
  }`),
  migrate:
    gql(`mutation MigrateLegacyNumber($number: String!, $as: MigrationTarget!, $description: String, $managers: [String!]) {
    migrateLegacyNumber(number: $number, as: $as, description: $description, managers: $managers) { ...AcceptedRequest }
  }`),
  moveMigration: gql(`mutation MoveMyMigration($number: String!, $date: String!) {
    moveMyMigration(number: $number, date: $date) { scheduledFor }
  }`),
  migrateNow: gql(
    `mutation MigrateNow($number: String!) { migrateNow(number: $number) { ...AcceptedRequest } }`,
  ),
  registerPhone:
    gql(`mutation RegisterPhone($modelId: ID!, $number: String!, $mac: String!, $office: String!) {
    registerPhone(modelId: $modelId, number: $number, mac: $mac, office: $office) { ...AcceptedRequest }
  }`),
  unregisterPhone: gql(
    `mutation UnregisterPhone($mac: String!) { unregisterPhone(mac: $mac) { ...AcceptedRequest } }`,
  ),
  simulateBoot: gql(
    `mutation SimulatePhoneBoot($mac: String!) { simulatePhoneBoot(mac: $mac) { mac registered } }`,
  ),
  // Service desk and cancellation.
  resolve: gql(`mutation ResolveRequest($id: ID!, $action: ResolveAction!, $reason: String!) {
    resolveRequest(id: $id, action: $action, reason: $reason) { ...AcceptedRequest }
  }`),
  cancel: gql(`mutation CancelRequest($id: ID!, $reason: String!) {
    cancelRequest(id: $id, reason: $reason) { ...AcceptedRequest }
  }`),
  startReconciliation: gql(`mutation StartReconciliation { startReconciliation { id status } }`),
  repairDrift: gql(
    `mutation RepairDrift($resource: String!) { repairDrift(resource: $resource) { ...AcceptedRequest } }`,
  ),
} as const;
