import type * as Types from './schema';

import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
export type StuckRequestsQueryVariables = Types.Exact<{
  system?: Types.InputMaybe<Types.SystemName>;
  requester?: Types.InputMaybe<Types.Scalars['String']['input']>;
}>;


export type StuckRequestsQuery = { stuckRequests: Array<{ id: string, kind: string, status: Types.RequestStatus, requester: string, actor: string, subject: string | null, number: string | null, failureReason: string | null, pastPointOfNoReturn: boolean, createdAt: string, updatedAt: string, finishedAt: string | null, workflowUrl: string, parked: { stepId: string, system: Types.SystemName, phase: string, error: string, since: string, allowedActions: Array<Types.ResolveAction>, decidesAt: string | null } | null, steps: Array<{ id: string, system: Types.SystemName, action: string, status: Types.StepStatus, attempts: number, lastError: string | null, note: string | null, startedAt: string | null, finishedAt: string | null, undo: Types.UndoStatus, undoAttempts: number, undoError: string | null }> }> };

export type DeskRequestsQueryVariables = Types.Exact<{
  first: Types.Scalars['Int']['input'];
  after?: Types.InputMaybe<Types.Scalars['String']['input']>;
  filter?: Types.InputMaybe<Types.DeskRequestFilter>;
}>;


export type DeskRequestsQuery = { deskRequests: { nodes: Array<{ id: string, kind: string, status: Types.RequestStatus, requester: string, actor: string, subject: string | null, number: string | null, failureReason: string | null, pastPointOfNoReturn: boolean, createdAt: string, updatedAt: string, finishedAt: string | null, workflowUrl: string, parked: { system: Types.SystemName, stepId: string, error: string, since: string } | null }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type RequestAuditQueryVariables = Types.Exact<{
  id: Types.Scalars['ID']['input'];
}>;


export type RequestAuditQuery = { requestAudit: Array<{ id: number, at: string, actor: string, onBehalfOf: string | null, action: string, system: string | null, target: string | null, result: string, reason: string | null, detail: string | null }> };

export type ResolveRequestMutationVariables = Types.Exact<{
  id: Types.Scalars['ID']['input'];
  action: Types.ResolveAction;
  reason: Types.Scalars['String']['input'];
}>;


export type ResolveRequestMutation = { resolveRequest: { id: string, status: Types.RequestStatus, kind: string } };

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

export const StuckRequestsDocument = new TypedDocumentString(`
    query StuckRequests($system: SystemName, $requester: String) {
  stuckRequests(system: $system, requester: $requester) {
    ...RequestFields
  }
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