import type * as Types from './schema';

import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
export type MyPhonesQueryVariables = Types.Exact<{ [key: string]: never; }>;


export type MyPhonesQuery = { myPhones: Array<{ id: string, name: string, number: string, mac: string, compatible: Types.Compatibility, activation: Types.PhoneActivation, office: string | null, requestId: string | null, model: { id: string, name: string, manufacturer: string } | null }>, numbersForNewPhone: Array<{ number: string, type: string, description: string | null, role: Types.NumberRole }>, phoneModels: Array<{ id: string, manufacturer: string, name: string, compatible: Types.Compatibility, addOn: boolean }> };

export type RegisterPhoneMutationVariables = Types.Exact<{
  modelId: Types.Scalars['ID']['input'];
  number: Types.Scalars['String']['input'];
  mac: Types.Scalars['String']['input'];
  office: Types.Scalars['String']['input'];
}>;


export type RegisterPhoneMutation = { registerPhone: { id: string, status: Types.RequestStatus, kind: string } };

export type UnregisterPhoneMutationVariables = Types.Exact<{
  mac: Types.Scalars['String']['input'];
}>;


export type UnregisterPhoneMutation = { unregisterPhone: { id: string, status: Types.RequestStatus, kind: string } };

export type SimulatePhoneBootMutationVariables = Types.Exact<{
  mac: Types.Scalars['String']['input'];
}>;


export type SimulatePhoneBootMutation = { simulatePhoneBoot: { mac: string, registered: boolean } };

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

export const MyPhonesDocument = new TypedDocumentString(`
    query MyPhones {
  myPhones {
    id
    name
    number
    mac
    model {
      id
      name
      manufacturer
    }
    compatible
    activation
    office
    requestId
  }
  numbersForNewPhone {
    number
    type
    description
    role
  }
  phoneModels {
    id
    manufacturer
    name
    compatible
    addOn
  }
}
    `) as unknown as TypedDocumentString<MyPhonesQuery, MyPhonesQueryVariables>;
export const RegisterPhoneDocument = new TypedDocumentString(`
    mutation RegisterPhone($modelId: ID!, $number: String!, $mac: String!, $office: String!) {
  registerPhone(modelId: $modelId, number: $number, mac: $mac, office: $office) {
    ...AcceptedRequest
  }
}
    fragment AcceptedRequest on Request {
  id
  status
  kind
}`) as unknown as TypedDocumentString<RegisterPhoneMutation, RegisterPhoneMutationVariables>;
export const UnregisterPhoneDocument = new TypedDocumentString(`
    mutation UnregisterPhone($mac: String!) {
  unregisterPhone(mac: $mac) {
    ...AcceptedRequest
  }
}
    fragment AcceptedRequest on Request {
  id
  status
  kind
}`) as unknown as TypedDocumentString<UnregisterPhoneMutation, UnregisterPhoneMutationVariables>;
export const SimulatePhoneBootDocument = new TypedDocumentString(`
    mutation SimulatePhoneBoot($mac: String!) {
  simulatePhoneBoot(mac: $mac) {
    mac
    registered
  }
}
    `) as unknown as TypedDocumentString<SimulatePhoneBootMutation, SimulatePhoneBootMutationVariables>;