import type * as Types from './schema';

import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
export type ReconciliationRunsQueryVariables = Types.Exact<{ [key: string]: never; }>;


export type ReconciliationRunsQuery = { reconciliationRuns: Array<{ id: string, status: string, startedAt: string, finishedAt: string | null, startedBy: string, workflowUrl: string, systems: Array<{ system: Types.SystemName, status: string, checked: number, drift: number, error: string | null }> }> };

export type ReconciliationReportQueryVariables = Types.Exact<{
  id: Types.Scalars['ID']['input'];
}>;


export type ReconciliationReportQuery = { reconciliationReport: { items: Array<{ id: number, system: Types.SystemName, resource: string, resourceType: string, kind: string, message: string, repairRequestId: string | null }>, pageInfo: { hasNextPage: boolean } } };

export type StartReconciliationMutationVariables = Types.Exact<{ [key: string]: never; }>;


export type StartReconciliationMutation = { startReconciliation: { id: string, status: string } };

export type RepairDriftMutationVariables = Types.Exact<{
  resource: Types.Scalars['String']['input'];
}>;


export type RepairDriftMutation = { repairDrift: { id: string, status: Types.RequestStatus, kind: string } };

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