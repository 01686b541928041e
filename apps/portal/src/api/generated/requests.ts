import type * as Types from './schema';

import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
export type MyRequestsQueryVariables = Types.Exact<{ [key: string]: never; }>;


export type MyRequestsQuery = { myRequests: Array<{ id: string, kind: string, status: Types.RequestStatus, requester: string, actor: string, subject: string | null, number: string | null, failureReason: string | null, pastPointOfNoReturn: boolean, createdAt: string, updatedAt: string, finishedAt: string | null, workflowUrl: string, parked: { system: Types.SystemName, stepId: string, error: string, since: string } | null }> };

export type RequestQueryVariables = Types.Exact<{
  id: Types.Scalars['ID']['input'];
}>;


export type RequestQuery = { request: { id: string, kind: string, status: Types.RequestStatus, requester: string, actor: string, subject: string | null, number: string | null, failureReason: string | null, pastPointOfNoReturn: boolean, createdAt: string, updatedAt: string, finishedAt: string | null, workflowUrl: string, parked: { stepId: string, system: Types.SystemName, phase: string, error: string, since: string, allowedActions: Array<Types.ResolveAction>, decidesAt: string | null } | null, steps: Array<{ id: string, system: Types.SystemName, action: string, status: Types.StepStatus, attempts: number, lastError: string | null, note: string | null, startedAt: string | null, finishedAt: string | null, undo: Types.UndoStatus, undoAttempts: number, undoError: string | null }> } };

export type CancelRequestMutationVariables = Types.Exact<{
  id: Types.Scalars['ID']['input'];
  reason: Types.Scalars['String']['input'];
}>;


export type CancelRequestMutation = { cancelRequest: { id: string, status: Types.RequestStatus, kind: string } };

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
}`) as unknown as TypedDocumentString<RequestQuery, RequestQueryVariables>;
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