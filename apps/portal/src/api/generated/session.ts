import type * as Types from './schema';

import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
export type PortalSettingsQueryVariables = Types.Exact<{ [key: string]: never; }>;


export type PortalSettingsQuery = { portalSettings: { sandbox: boolean } };

export type SandboxAccountsQueryVariables = Types.Exact<{ [key: string]: never; }>;


export type SandboxAccountsQuery = { sandboxAccounts: Array<{ login: string, name: string, personnelClass: string, personnelCode: string | null, eligible: boolean, ineligibleReason: string | null, isServiceDesk: boolean, unitAdminOf: Array<string> }> };

export type MeQueryVariables = Types.Exact<{ [key: string]: never; }>;


export type MeQuery = { me: { login: string, name: string | null, mail: string | null, office: string | null, unit: string | null, personnelClass: string | null, personnelCode: string | null, eligible: boolean, ineligibleReason: string | null, isServiceDesk: boolean, unitAdminOf: Array<string> } };

export type PersonQueryVariables = Types.Exact<{ [key: string]: never; }>;


export type PersonQuery = { me: { login: string, name: string | null } };

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

export const PortalSettingsDocument = new TypedDocumentString(`
    query PortalSettings {
  portalSettings {
    sandbox
  }
}
    `) as unknown as TypedDocumentString<PortalSettingsQuery, PortalSettingsQueryVariables>;
export const SandboxAccountsDocument = new TypedDocumentString(`
    query SandboxAccounts {
  sandboxAccounts {
    login
    name
    personnelClass
    personnelCode
    eligible
    ineligibleReason
    isServiceDesk
    unitAdminOf
  }
}
    `) as unknown as TypedDocumentString<SandboxAccountsQuery, SandboxAccountsQueryVariables>;
export const MeDocument = new TypedDocumentString(`
    query Me {
  me {
    login
    name
    mail
    office
    unit
    personnelClass
    personnelCode
    eligible
    ineligibleReason
    isServiceDesk
    unitAdminOf
  }
}
    `) as unknown as TypedDocumentString<MeQuery, MeQueryVariables>;
export const PersonDocument = new TypedDocumentString(`
    query Person {
  me {
    login
    name
  }
}
    `) as unknown as TypedDocumentString<PersonQuery, PersonQueryVariables>;