// Every GraphQL document the portal sends, in one place.

const STEP =
  'id system action status attempts lastError note startedAt finishedAt undo undoAttempts undoError';
const PARKED = 'stepId system phase error since allowedActions decidesAt';
export const REQUEST_FIELDS = `id kind status requester actor subject number failureReason pastPointOfNoReturn
  createdAt updatedAt finishedAt workflowUrl parked { ${PARKED} } steps { ${STEP} }`;
const SUMMARY_FIELDS = `id kind status requester actor subject number failureReason pastPointOfNoReturn
  createdAt updatedAt finishedAt workflowUrl parked { system stepId error since }`;
/** What a mutation that starts a request returns. */
const ACCEPTED = 'id status kind';

export const Q = {
  settings: '{ portalSettings { sandbox } }',
  accounts:
    '{ sandboxAccounts { login name personnelClass eligible ineligibleReason isServiceDesk unitAdminOf } }',
  me: '{ me { login name mail office unit personnelClass eligible ineligibleReason isServiceDesk unitAdminOf } }',
  personal: '{ myPersonalNumber { number state inPhonebook } }',
  shared: `{ mySharedNumbers { number description owner managersGroup { name members } inPhonebook myRole state }
    myOwnershipOffers { requestId number description currentOwner proposedBy expiresAt } }`,
  legacy: `{ myLegacyNumbers { number service description state listedUnderCount
      phone { model compatible movesWithNumber }
      migrateAsPersonal { allowed code reason } migrateAsShared { allowed code reason } }
    myMigrationSchedule { number service scheduledFor campaignDate earliestDate maxDate canChange status requestId } }`,
  phones: `{ myPhones { id name number mac model { id name manufacturer } compatible activation office requestId }
    numbersForNewPhone { number type description role }
    phoneModels { id manufacturer name compatible addOn } }`,
  myRequests: `{ myRequests { ${SUMMARY_FIELDS} } }`,
  request: `query Request($id: ID!) { request(id: $id) { ${REQUEST_FIELDS} } }`,
  // Service desk (area/desk).
  stuck: `query Stuck($system: SystemName, $requester: String) {
    stuckRequests(system: $system, requester: $requester) { ${REQUEST_FIELDS} } }`,
  deskRequests: `query DeskRequests($first: Int!, $after: String, $filter: DeskRequestFilter) {
    deskRequests(first: $first, after: $after, filter: $filter) {
      nodes { ${SUMMARY_FIELDS} } pageInfo { hasNextPage endCursor } } }`,
  audit: `query Audit($id: ID!) { requestAudit(requestId: $id) {
    id at actor onBehalfOf action system target result reason detail } }`,
  runs: `{ reconciliationRuns(first: 5) { id status startedAt finishedAt startedBy workflowUrl
    systems { system status checked drift error } } }`,
  report: `query Report($id: ID!) { reconciliationReport(id: $id, first: 100) {
    items { id system resource resourceType kind message repairRequestId } pageInfo { hasNextPage } } }`,
} as const;

export const M = {
  requestPersonal: `mutation { requestPersonalNumber { ${ACCEPTED} } }`,
  setPhonebook: `mutation Phonebook($number: String!, $listed: Boolean!) {
    setPhonebookListing(number: $number, listed: $listed) { ${ACCEPTED} } }`,
  turnToShared: `mutation TurnToShared($number: String!, $description: String!, $managers: [String!]!) {
    turnToShared(number: $number, description: $description, managers: $managers) { ${ACCEPTED} } }`,
  deleteNumber: `mutation Delete($number: String!) { deleteNumber(number: $number) { ${ACCEPTED} } }`,
  requestShared: `mutation NewShared($description: String!, $managers: [String!]!) {
    requestSharedNumber(description: $description, managers: $managers) { ${ACCEPTED} } }`,
  changeDescription: `mutation Describe($number: String!, $description: String!) {
    changeDescription(number: $number, description: $description) { ${ACCEPTED} } }`,
  setManagers: `mutation Managers($number: String!, $members: [String!]!) {
    setManagers(number: $number, members: $members) { ${ACCEPTED} } }`,
  proposeOwner: `mutation Owner($number: String!, $newOwner: String!) {
    proposeOwner(number: $number, newOwner: $newOwner) { ${ACCEPTED} } }`,
  respondToOwnership: `mutation Respond($requestId: ID!, $accept: Boolean!) {
    respondToOwnership(requestId: $requestId, accept: $accept) { ${ACCEPTED} } }`,
  migrate: `mutation Migrate($number: String!, $as: MigrationTarget!, $description: String, $managers: [String!]) {
    migrateLegacyNumber(number: $number, as: $as, description: $description, managers: $managers) { ${ACCEPTED} } }`,
  moveMigration: `mutation Move($number: String!, $date: String!) {
    moveMyMigration(number: $number, date: $date) { scheduledFor } }`,
  migrateNow: `mutation Now($number: String!) { migrateNow(number: $number) { ${ACCEPTED} } }`,
  registerPhone: `mutation Register($modelId: ID!, $number: String!, $mac: String!, $office: String!) {
    registerPhone(modelId: $modelId, number: $number, mac: $mac, office: $office) { ${ACCEPTED} } }`,
  unregisterPhone: `mutation Unregister($mac: String!) { unregisterPhone(mac: $mac) { ${ACCEPTED} } }`,
  simulateBoot: `mutation Boot($mac: String!) { simulatePhoneBoot(mac: $mac) { mac registered } }`,
  // Service desk and cancellation (area/desk).
  resolve: `mutation Resolve($id: ID!, $action: ResolveAction!, $reason: String!) {
    resolveRequest(id: $id, action: $action, reason: $reason) { ${ACCEPTED} } }`,
  cancel: `mutation Cancel($id: ID!, $reason: String!) { cancelRequest(id: $id, reason: $reason) { ${ACCEPTED} } }`,
  startReconciliation: 'mutation { startReconciliation { id status } }',
  repairDrift: `mutation Repair($resource: String!) { repairDrift(resource: $resource) { ${ACCEPTED} } }`,
} as const;

export interface Accepted {
  id: string;
  status: string;
  kind: string;
}
