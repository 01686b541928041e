import type * as Types from './schema';

import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
export type MyLegacyNumbersQueryVariables = Types.Exact<{ [key: string]: never; }>;


export type MyLegacyNumbersQuery = { myLegacyNumbers: Array<{ number: string, service: Types.LegacyService, description: string | null, state: string, listedUnderCount: number, phone: { model: string | null, compatible: Types.LegacyPhoneCompatibility | null, movesWithNumber: boolean } | null, migrateAsPersonal: { allowed: boolean, code: string | null, reason: string | null }, migrateAsShared: { allowed: boolean, code: string | null, reason: string | null } }>, myMigrationSchedule: Array<{ number: string, service: string, scheduledFor: string, campaignDate: string, earliestDate: string, maxDate: string, canChange: boolean, status: Types.CampaignItemStatus, requestId: string | null }> };

export type MigrateLegacyNumberMutationVariables = Types.Exact<{
  number: Types.Scalars['String']['input'];
  as: Types.MigrationTarget;
  description?: Types.InputMaybe<Types.Scalars['String']['input']>;
  managers?: Types.InputMaybe<Array<Types.Scalars['String']['input']> | Types.Scalars['String']['input']>;
}>;


export type MigrateLegacyNumberMutation = { migrateLegacyNumber: { id: string, status: Types.RequestStatus, kind: string } };

export type MoveMyMigrationMutationVariables = Types.Exact<{
  number: Types.Scalars['String']['input'];
  date: Types.Scalars['String']['input'];
}>;


export type MoveMyMigrationMutation = { moveMyMigration: { scheduledFor: string } };

export type MigrateNowMutationVariables = Types.Exact<{
  number: Types.Scalars['String']['input'];
}>;


export type MigrateNowMutation = { migrateNow: { id: string, status: Types.RequestStatus, kind: string } };

export type ImportLegacyInventoryMutationVariables = Types.Exact<{
  csv: Types.Scalars['String']['input'];
  dryRun: Types.Scalars['Boolean']['input'];
}>;


export type ImportLegacyInventoryMutation = { importLegacyInventory: { dryRun: boolean, lines: number, added: number, updated: number, unchanged: number, refused: number, summary: string, refusedLines: Array<{ line: number, reason: string, text: string }> } };

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
export const ImportLegacyInventoryDocument = new TypedDocumentString(`
    mutation ImportLegacyInventory($csv: String!, $dryRun: Boolean!) {
  importLegacyInventory(csv: $csv, dryRun: $dryRun) {
    dryRun
    lines
    added
    updated
    unchanged
    refused
    refusedLines {
      line
      reason
      text
    }
    summary
  }
}
    `) as unknown as TypedDocumentString<ImportLegacyInventoryMutation, ImportLegacyInventoryMutationVariables>;