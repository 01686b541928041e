import type * as Types from './schema';

import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
export type RequestStepFieldsFragment = { id: string, system: Types.SystemName, action: string, status: Types.StepStatus, attempts: number, lastError: string | null, note: string | null, startedAt: string | null, finishedAt: string | null, undo: Types.UndoStatus, undoAttempts: number, undoError: string | null };

export type RequestFieldsFragment = { id: string, kind: string, status: Types.RequestStatus, requester: string, actor: string, subject: string | null, number: string | null, failureReason: string | null, pastPointOfNoReturn: boolean, createdAt: string, updatedAt: string, finishedAt: string | null, workflowUrl: string, parked: { stepId: string, system: Types.SystemName, phase: string, error: string, since: string, allowedActions: Array<Types.ResolveAction>, decidesAt: string | null } | null, steps: Array<{ id: string, system: Types.SystemName, action: string, status: Types.StepStatus, attempts: number, lastError: string | null, note: string | null, startedAt: string | null, finishedAt: string | null, undo: Types.UndoStatus, undoAttempts: number, undoError: string | null }> };

export type RequestSummaryFieldsFragment = { id: string, kind: string, status: Types.RequestStatus, requester: string, actor: string, subject: string | null, number: string | null, failureReason: string | null, pastPointOfNoReturn: boolean, createdAt: string, updatedAt: string, finishedAt: string | null, workflowUrl: string, parked: { system: Types.SystemName, stepId: string, error: string, since: string } | null };

export type AcceptedRequestFragment = { id: string, status: Types.RequestStatus, kind: string };

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