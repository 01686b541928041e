/* eslint-disable */
import * as types from './graphql';



/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "fragment RequestStepFields on RequestStep {\n    id system action status attempts lastError note startedAt finishedAt undo undoAttempts undoError\n  }": typeof types.RequestStepFieldsFragmentDoc,
    "fragment RequestFields on Request {\n    id kind status requester actor subject number failureReason pastPointOfNoReturn\n    createdAt updatedAt finishedAt workflowUrl\n    parked { stepId system phase error since allowedActions decidesAt }\n    steps { ...RequestStepFields }\n  }": typeof types.RequestFieldsFragmentDoc,
    "fragment RequestSummaryFields on Request {\n    id kind status requester actor subject number failureReason pastPointOfNoReturn\n    createdAt updatedAt finishedAt workflowUrl\n    parked { system stepId error since }\n  }": typeof types.RequestSummaryFieldsFragmentDoc,
    "fragment AcceptedRequest on Request { id status kind }": typeof types.AcceptedRequestFragmentDoc,
    "query PortalSettings { portalSettings { sandbox } }": typeof types.PortalSettingsDocument,
    "query SandboxAccounts {\n    sandboxAccounts { login name personnelClass personnelCode eligible ineligibleReason isServiceDesk unitAdminOf }\n  }": typeof types.SandboxAccountsDocument,
    "query Me {\n    me { login name mail office unit personnelClass personnelCode eligible ineligibleReason isServiceDesk unitAdminOf }\n  }": typeof types.MeDocument,
    "query Person { me { login name } }": typeof types.PersonDocument,
    "query MyPersonalNumber { myPersonalNumber { number state inPhonebook } }": typeof types.MyPersonalNumberDocument,
    "query MySharedNumbers {\n    mySharedNumbers { number description owner managersGroup { name members } inPhonebook myRole state }\n    myOwnershipOffers { requestId number description currentOwner proposedBy expiresAt }\n  }": typeof types.MySharedNumbersDocument,
    "query MyLegacyNumbers {\n    myLegacyNumbers {\n      number service description state listedUnderCount\n      phone { model compatible movesWithNumber }\n      migrateAsPersonal { allowed code reason }\n      migrateAsShared { allowed code reason }\n    }\n    myMigrationSchedule { number service scheduledFor campaignDate earliestDate maxDate canChange status requestId }\n  }": typeof types.MyLegacyNumbersDocument,
    "query MyPhones {\n    myPhones { id name number mac model { id name manufacturer } compatible activation office requestId }\n    numbersForNewPhone { number type description role }\n    phoneModels { id manufacturer name compatible addOn }\n  }": typeof types.MyPhonesDocument,
    "query MyRequests { myRequests { ...RequestSummaryFields } }": typeof types.MyRequestsDocument,
    "query Request($id: ID!) { request(id: $id) { ...RequestFields } }": typeof types.RequestDocument,
    "query StuckRequests($system: SystemName, $requester: String) {\n    stuckRequests(system: $system, requester: $requester) { ...RequestFields }\n  }": typeof types.StuckRequestsDocument,
    "query DeskRequests($first: Int!, $after: String, $filter: DeskRequestFilter) {\n    deskRequests(first: $first, after: $after, filter: $filter) {\n      nodes { ...RequestSummaryFields }\n      pageInfo { hasNextPage endCursor }\n    }\n  }": typeof types.DeskRequestsDocument,
    "query RequestAudit($id: ID!) {\n    requestAudit(requestId: $id) { id at actor onBehalfOf action system target result reason detail }\n  }": typeof types.RequestAuditDocument,
    "query ReconciliationRuns {\n    reconciliationRuns(first: 5) {\n      id status startedAt finishedAt startedBy workflowUrl\n      systems { system status checked drift error }\n    }\n  }": typeof types.ReconciliationRunsDocument,
    "query ReconciliationReport($id: ID!) {\n    reconciliationReport(id: $id, first: 100) {\n      items { id system resource resourceType kind message repairRequestId }\n      pageInfo { hasNextPage }\n    }\n  }": typeof types.ReconciliationReportDocument,
    "mutation RequestPersonalNumber { requestPersonalNumber { ...AcceptedRequest } }": typeof types.RequestPersonalNumberDocument,
    "mutation SetPhonebookListing($number: String!, $listed: Boolean!) {\n    setPhonebookListing(number: $number, listed: $listed) { ...AcceptedRequest }\n  }": typeof types.SetPhonebookListingDocument,
    "mutation TurnToShared($number: String!, $description: String!, $managers: [String!]!) {\n    turnToShared(number: $number, description: $description, managers: $managers) { ...AcceptedRequest }\n  }": typeof types.TurnToSharedDocument,
    "mutation DeleteNumber($number: String!) { deleteNumber(number: $number) { ...AcceptedRequest } }": typeof types.DeleteNumberDocument,
    "mutation RequestSharedNumber($description: String!, $managers: [String!]!) {\n    requestSharedNumber(description: $description, managers: $managers) { ...AcceptedRequest }\n  }": typeof types.RequestSharedNumberDocument,
    "mutation ChangeDescription($number: String!, $description: String!) {\n    changeDescription(number: $number, description: $description) { ...AcceptedRequest }\n  }": typeof types.ChangeDescriptionDocument,
    "mutation SetManagers($number: String!, $members: [String!]!) {\n    setManagers(number: $number, members: $members) { ...AcceptedRequest }\n  }": typeof types.SetManagersDocument,
    "mutation ProposeOwner($number: String!, $newOwner: String!) {\n    proposeOwner(number: $number, newOwner: $newOwner) { ...AcceptedRequest }\n  }": typeof types.ProposeOwnerDocument,
    "mutation RespondToOwnership($requestId: ID!, $accept: Boolean!) {\n    respondToOwnership(requestId: $requestId, accept: $accept) { ...AcceptedRequest }\n  }": typeof types.RespondToOwnershipDocument,
    "mutation MigrateLegacyNumber($number: String!, $as: MigrationTarget!, $description: String, $managers: [String!]) {\n    migrateLegacyNumber(number: $number, as: $as, description: $description, managers: $managers) { ...AcceptedRequest }\n  }": typeof types.MigrateLegacyNumberDocument,
    "mutation MoveMyMigration($number: String!, $date: String!) {\n    moveMyMigration(number: $number, date: $date) { scheduledFor }\n  }": typeof types.MoveMyMigrationDocument,
    "mutation MigrateNow($number: String!) { migrateNow(number: $number) { ...AcceptedRequest } }": typeof types.MigrateNowDocument,
    "mutation RegisterPhone($modelId: ID!, $number: String!, $mac: String!, $office: String!) {\n    registerPhone(modelId: $modelId, number: $number, mac: $mac, office: $office) { ...AcceptedRequest }\n  }": typeof types.RegisterPhoneDocument,
    "mutation UnregisterPhone($mac: String!) { unregisterPhone(mac: $mac) { ...AcceptedRequest } }": typeof types.UnregisterPhoneDocument,
    "mutation SimulatePhoneBoot($mac: String!) { simulatePhoneBoot(mac: $mac) { mac registered } }": typeof types.SimulatePhoneBootDocument,
    "mutation ResolveRequest($id: ID!, $action: ResolveAction!, $reason: String!) {\n    resolveRequest(id: $id, action: $action, reason: $reason) { ...AcceptedRequest }\n  }": typeof types.ResolveRequestDocument,
    "mutation CancelRequest($id: ID!, $reason: String!) {\n    cancelRequest(id: $id, reason: $reason) { ...AcceptedRequest }\n  }": typeof types.CancelRequestDocument,
    "mutation StartReconciliation { startReconciliation { id status } }": typeof types.StartReconciliationDocument,
    "mutation RepairDrift($resource: String!) { repairDrift(resource: $resource) { ...AcceptedRequest } }": typeof types.RepairDriftDocument,
};
const documents: Documents = {
    "fragment RequestStepFields on RequestStep {\n    id system action status attempts lastError note startedAt finishedAt undo undoAttempts undoError\n  }": types.RequestStepFieldsFragmentDoc,
    "fragment RequestFields on Request {\n    id kind status requester actor subject number failureReason pastPointOfNoReturn\n    createdAt updatedAt finishedAt workflowUrl\n    parked { stepId system phase error since allowedActions decidesAt }\n    steps { ...RequestStepFields }\n  }": types.RequestFieldsFragmentDoc,
    "fragment RequestSummaryFields on Request {\n    id kind status requester actor subject number failureReason pastPointOfNoReturn\n    createdAt updatedAt finishedAt workflowUrl\n    parked { system stepId error since }\n  }": types.RequestSummaryFieldsFragmentDoc,
    "fragment AcceptedRequest on Request { id status kind }": types.AcceptedRequestFragmentDoc,
    "query PortalSettings { portalSettings { sandbox } }": types.PortalSettingsDocument,
    "query SandboxAccounts {\n    sandboxAccounts { login name personnelClass personnelCode eligible ineligibleReason isServiceDesk unitAdminOf }\n  }": types.SandboxAccountsDocument,
    "query Me {\n    me { login name mail office unit personnelClass personnelCode eligible ineligibleReason isServiceDesk unitAdminOf }\n  }": types.MeDocument,
    "query Person { me { login name } }": types.PersonDocument,
    "query MyPersonalNumber { myPersonalNumber { number state inPhonebook } }": types.MyPersonalNumberDocument,
    "query MySharedNumbers {\n    mySharedNumbers { number description owner managersGroup { name members } inPhonebook myRole state }\n    myOwnershipOffers { requestId number description currentOwner proposedBy expiresAt }\n  }": types.MySharedNumbersDocument,
    "query MyLegacyNumbers {\n    myLegacyNumbers {\n      number service description state listedUnderCount\n      phone { model compatible movesWithNumber }\n      migrateAsPersonal { allowed code reason }\n      migrateAsShared { allowed code reason }\n    }\n    myMigrationSchedule { number service scheduledFor campaignDate earliestDate maxDate canChange status requestId }\n  }": types.MyLegacyNumbersDocument,
    "query MyPhones {\n    myPhones { id name number mac model { id name manufacturer } compatible activation office requestId }\n    numbersForNewPhone { number type description role }\n    phoneModels { id manufacturer name compatible addOn }\n  }": types.MyPhonesDocument,
    "query MyRequests { myRequests { ...RequestSummaryFields } }": types.MyRequestsDocument,
    "query Request($id: ID!) { request(id: $id) { ...RequestFields } }": types.RequestDocument,
    "query StuckRequests($system: SystemName, $requester: String) {\n    stuckRequests(system: $system, requester: $requester) { ...RequestFields }\n  }": types.StuckRequestsDocument,
    "query DeskRequests($first: Int!, $after: String, $filter: DeskRequestFilter) {\n    deskRequests(first: $first, after: $after, filter: $filter) {\n      nodes { ...RequestSummaryFields }\n      pageInfo { hasNextPage endCursor }\n    }\n  }": types.DeskRequestsDocument,
    "query RequestAudit($id: ID!) {\n    requestAudit(requestId: $id) { id at actor onBehalfOf action system target result reason detail }\n  }": types.RequestAuditDocument,
    "query ReconciliationRuns {\n    reconciliationRuns(first: 5) {\n      id status startedAt finishedAt startedBy workflowUrl\n      systems { system status checked drift error }\n    }\n  }": types.ReconciliationRunsDocument,
    "query ReconciliationReport($id: ID!) {\n    reconciliationReport(id: $id, first: 100) {\n      items { id system resource resourceType kind message repairRequestId }\n      pageInfo { hasNextPage }\n    }\n  }": types.ReconciliationReportDocument,
    "mutation RequestPersonalNumber { requestPersonalNumber { ...AcceptedRequest } }": types.RequestPersonalNumberDocument,
    "mutation SetPhonebookListing($number: String!, $listed: Boolean!) {\n    setPhonebookListing(number: $number, listed: $listed) { ...AcceptedRequest }\n  }": types.SetPhonebookListingDocument,
    "mutation TurnToShared($number: String!, $description: String!, $managers: [String!]!) {\n    turnToShared(number: $number, description: $description, managers: $managers) { ...AcceptedRequest }\n  }": types.TurnToSharedDocument,
    "mutation DeleteNumber($number: String!) { deleteNumber(number: $number) { ...AcceptedRequest } }": types.DeleteNumberDocument,
    "mutation RequestSharedNumber($description: String!, $managers: [String!]!) {\n    requestSharedNumber(description: $description, managers: $managers) { ...AcceptedRequest }\n  }": types.RequestSharedNumberDocument,
    "mutation ChangeDescription($number: String!, $description: String!) {\n    changeDescription(number: $number, description: $description) { ...AcceptedRequest }\n  }": types.ChangeDescriptionDocument,
    "mutation SetManagers($number: String!, $members: [String!]!) {\n    setManagers(number: $number, members: $members) { ...AcceptedRequest }\n  }": types.SetManagersDocument,
    "mutation ProposeOwner($number: String!, $newOwner: String!) {\n    proposeOwner(number: $number, newOwner: $newOwner) { ...AcceptedRequest }\n  }": types.ProposeOwnerDocument,
    "mutation RespondToOwnership($requestId: ID!, $accept: Boolean!) {\n    respondToOwnership(requestId: $requestId, accept: $accept) { ...AcceptedRequest }\n  }": types.RespondToOwnershipDocument,
    "mutation MigrateLegacyNumber($number: String!, $as: MigrationTarget!, $description: String, $managers: [String!]) {\n    migrateLegacyNumber(number: $number, as: $as, description: $description, managers: $managers) { ...AcceptedRequest }\n  }": types.MigrateLegacyNumberDocument,
    "mutation MoveMyMigration($number: String!, $date: String!) {\n    moveMyMigration(number: $number, date: $date) { scheduledFor }\n  }": types.MoveMyMigrationDocument,
    "mutation MigrateNow($number: String!) { migrateNow(number: $number) { ...AcceptedRequest } }": types.MigrateNowDocument,
    "mutation RegisterPhone($modelId: ID!, $number: String!, $mac: String!, $office: String!) {\n    registerPhone(modelId: $modelId, number: $number, mac: $mac, office: $office) { ...AcceptedRequest }\n  }": types.RegisterPhoneDocument,
    "mutation UnregisterPhone($mac: String!) { unregisterPhone(mac: $mac) { ...AcceptedRequest } }": types.UnregisterPhoneDocument,
    "mutation SimulatePhoneBoot($mac: String!) { simulatePhoneBoot(mac: $mac) { mac registered } }": types.SimulatePhoneBootDocument,
    "mutation ResolveRequest($id: ID!, $action: ResolveAction!, $reason: String!) {\n    resolveRequest(id: $id, action: $action, reason: $reason) { ...AcceptedRequest }\n  }": types.ResolveRequestDocument,
    "mutation CancelRequest($id: ID!, $reason: String!) {\n    cancelRequest(id: $id, reason: $reason) { ...AcceptedRequest }\n  }": types.CancelRequestDocument,
    "mutation StartReconciliation { startReconciliation { id status } }": types.StartReconciliationDocument,
    "mutation RepairDrift($resource: String!) { repairDrift(resource: $resource) { ...AcceptedRequest } }": types.RepairDriftDocument,
};

/**
 * The gql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function gql(source: "fragment RequestStepFields on RequestStep {\n    id system action status attempts lastError note startedAt finishedAt undo undoAttempts undoError\n  }"): typeof import('./graphql').RequestStepFieldsFragmentDoc;
/**
 * The gql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function gql(source: "fragment RequestFields on Request {\n    id kind status requester actor subject number failureReason pastPointOfNoReturn\n    createdAt updatedAt finishedAt workflowUrl\n    parked { stepId system phase error since allowedActions decidesAt }\n    steps { ...RequestStepFields }\n  }"): typeof import('./graphql').RequestFieldsFragmentDoc;
/**
 * The gql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function gql(source: "fragment RequestSummaryFields on Request {\n    id kind status requester actor subject number failureReason pastPointOfNoReturn\n    createdAt updatedAt finishedAt workflowUrl\n    parked { system stepId error since }\n  }"): typeof import('./graphql').RequestSummaryFieldsFragmentDoc;
/**
 * The gql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function gql(source: "fragment AcceptedRequest on Request { id status kind }"): typeof import('./graphql').AcceptedRequestFragmentDoc;
/**
 * The gql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function gql(source: "query PortalSettings { portalSettings { sandbox } }"): typeof import('./graphql').PortalSettingsDocument;
/**
 * The gql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function gql(source: "query SandboxAccounts {\n    sandboxAccounts { login name personnelClass personnelCode eligible ineligibleReason isServiceDesk unitAdminOf }\n  }"): typeof import('./graphql').SandboxAccountsDocument;
/**
 * The gql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function gql(source: "query Me {\n    me { login name mail office unit personnelClass personnelCode eligible ineligibleReason isServiceDesk unitAdminOf }\n  }"): typeof import('./graphql').MeDocument;
/**
 * The gql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function gql(source: "query Person { me { login name } }"): typeof import('./graphql').PersonDocument;
/**
 * The gql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function gql(source: "query MyPersonalNumber { myPersonalNumber { number state inPhonebook } }"): typeof import('./graphql').MyPersonalNumberDocument;
/**
 * The gql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function gql(source: "query MySharedNumbers {\n    mySharedNumbers { number description owner managersGroup { name members } inPhonebook myRole state }\n    myOwnershipOffers { requestId number description currentOwner proposedBy expiresAt }\n  }"): typeof import('./graphql').MySharedNumbersDocument;
/**
 * The gql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function gql(source: "query MyLegacyNumbers {\n    myLegacyNumbers {\n      number service description state listedUnderCount\n      phone { model compatible movesWithNumber }\n      migrateAsPersonal { allowed code reason }\n      migrateAsShared { allowed code reason }\n    }\n    myMigrationSchedule { number service scheduledFor campaignDate earliestDate maxDate canChange status requestId }\n  }"): typeof import('./graphql').MyLegacyNumbersDocument;
/**
 * The gql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function gql(source: "query MyPhones {\n    myPhones { id name number mac model { id name manufacturer } compatible activation office requestId }\n    numbersForNewPhone { number type description role }\n    phoneModels { id manufacturer name compatible addOn }\n  }"): typeof import('./graphql').MyPhonesDocument;
/**
 * The gql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function gql(source: "query MyRequests { myRequests { ...RequestSummaryFields } }"): typeof import('./graphql').MyRequestsDocument;
/**
 * The gql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function gql(source: "query Request($id: ID!) { request(id: $id) { ...RequestFields } }"): typeof import('./graphql').RequestDocument;
/**
 * The gql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function gql(source: "query StuckRequests($system: SystemName, $requester: String) {\n    stuckRequests(system: $system, requester: $requester) { ...RequestFields }\n  }"): typeof import('./graphql').StuckRequestsDocument;
/**
 * The gql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function gql(source: "query DeskRequests($first: Int!, $after: String, $filter: DeskRequestFilter) {\n    deskRequests(first: $first, after: $after, filter: $filter) {\n      nodes { ...RequestSummaryFields }\n      pageInfo { hasNextPage endCursor }\n    }\n  }"): typeof import('./graphql').DeskRequestsDocument;
/**
 * The gql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function gql(source: "query RequestAudit($id: ID!) {\n    requestAudit(requestId: $id) { id at actor onBehalfOf action system target result reason detail }\n  }"): typeof import('./graphql').RequestAuditDocument;
/**
 * The gql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function gql(source: "query ReconciliationRuns {\n    reconciliationRuns(first: 5) {\n      id status startedAt finishedAt startedBy workflowUrl\n      systems { system status checked drift error }\n    }\n  }"): typeof import('./graphql').ReconciliationRunsDocument;
/**
 * The gql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function gql(source: "query ReconciliationReport($id: ID!) {\n    reconciliationReport(id: $id, first: 100) {\n      items { id system resource resourceType kind message repairRequestId }\n      pageInfo { hasNextPage }\n    }\n  }"): typeof import('./graphql').ReconciliationReportDocument;
/**
 * The gql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function gql(source: "mutation RequestPersonalNumber { requestPersonalNumber { ...AcceptedRequest } }"): typeof import('./graphql').RequestPersonalNumberDocument;
/**
 * The gql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function gql(source: "mutation SetPhonebookListing($number: String!, $listed: Boolean!) {\n    setPhonebookListing(number: $number, listed: $listed) { ...AcceptedRequest }\n  }"): typeof import('./graphql').SetPhonebookListingDocument;
/**
 * The gql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function gql(source: "mutation TurnToShared($number: String!, $description: String!, $managers: [String!]!) {\n    turnToShared(number: $number, description: $description, managers: $managers) { ...AcceptedRequest }\n  }"): typeof import('./graphql').TurnToSharedDocument;
/**
 * The gql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function gql(source: "mutation DeleteNumber($number: String!) { deleteNumber(number: $number) { ...AcceptedRequest } }"): typeof import('./graphql').DeleteNumberDocument;
/**
 * The gql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function gql(source: "mutation RequestSharedNumber($description: String!, $managers: [String!]!) {\n    requestSharedNumber(description: $description, managers: $managers) { ...AcceptedRequest }\n  }"): typeof import('./graphql').RequestSharedNumberDocument;
/**
 * The gql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function gql(source: "mutation ChangeDescription($number: String!, $description: String!) {\n    changeDescription(number: $number, description: $description) { ...AcceptedRequest }\n  }"): typeof import('./graphql').ChangeDescriptionDocument;
/**
 * The gql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function gql(source: "mutation SetManagers($number: String!, $members: [String!]!) {\n    setManagers(number: $number, members: $members) { ...AcceptedRequest }\n  }"): typeof import('./graphql').SetManagersDocument;
/**
 * The gql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function gql(source: "mutation ProposeOwner($number: String!, $newOwner: String!) {\n    proposeOwner(number: $number, newOwner: $newOwner) { ...AcceptedRequest }\n  }"): typeof import('./graphql').ProposeOwnerDocument;
/**
 * The gql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function gql(source: "mutation RespondToOwnership($requestId: ID!, $accept: Boolean!) {\n    respondToOwnership(requestId: $requestId, accept: $accept) { ...AcceptedRequest }\n  }"): typeof import('./graphql').RespondToOwnershipDocument;
/**
 * The gql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function gql(source: "mutation MigrateLegacyNumber($number: String!, $as: MigrationTarget!, $description: String, $managers: [String!]) {\n    migrateLegacyNumber(number: $number, as: $as, description: $description, managers: $managers) { ...AcceptedRequest }\n  }"): typeof import('./graphql').MigrateLegacyNumberDocument;
/**
 * The gql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function gql(source: "mutation MoveMyMigration($number: String!, $date: String!) {\n    moveMyMigration(number: $number, date: $date) { scheduledFor }\n  }"): typeof import('./graphql').MoveMyMigrationDocument;
/**
 * The gql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function gql(source: "mutation MigrateNow($number: String!) { migrateNow(number: $number) { ...AcceptedRequest } }"): typeof import('./graphql').MigrateNowDocument;
/**
 * The gql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function gql(source: "mutation RegisterPhone($modelId: ID!, $number: String!, $mac: String!, $office: String!) {\n    registerPhone(modelId: $modelId, number: $number, mac: $mac, office: $office) { ...AcceptedRequest }\n  }"): typeof import('./graphql').RegisterPhoneDocument;
/**
 * The gql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function gql(source: "mutation UnregisterPhone($mac: String!) { unregisterPhone(mac: $mac) { ...AcceptedRequest } }"): typeof import('./graphql').UnregisterPhoneDocument;
/**
 * The gql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function gql(source: "mutation SimulatePhoneBoot($mac: String!) { simulatePhoneBoot(mac: $mac) { mac registered } }"): typeof import('./graphql').SimulatePhoneBootDocument;
/**
 * The gql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function gql(source: "mutation ResolveRequest($id: ID!, $action: ResolveAction!, $reason: String!) {\n    resolveRequest(id: $id, action: $action, reason: $reason) { ...AcceptedRequest }\n  }"): typeof import('./graphql').ResolveRequestDocument;
/**
 * The gql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function gql(source: "mutation CancelRequest($id: ID!, $reason: String!) {\n    cancelRequest(id: $id, reason: $reason) { ...AcceptedRequest }\n  }"): typeof import('./graphql').CancelRequestDocument;
/**
 * The gql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function gql(source: "mutation StartReconciliation { startReconciliation { id status } }"): typeof import('./graphql').StartReconciliationDocument;
/**
 * The gql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function gql(source: "mutation RepairDrift($resource: String!) { repairDrift(resource: $resource) { ...AcceptedRequest } }"): typeof import('./graphql').RepairDriftDocument;


export function gql(source: string) {
  return (documents as any)[source] ?? {};
}
