import type * as Types from './schema';

import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
export type MyPersonalNumberQueryVariables = Types.Exact<{ [key: string]: never; }>;


export type MyPersonalNumberQuery = { myPersonalNumber: { number: string, state: Types.NumberState, inPhonebook: boolean } | null };

export type MySharedNumbersQueryVariables = Types.Exact<{ [key: string]: never; }>;


export type MySharedNumbersQuery = { mySharedNumbers: Array<{ number: string, description: string | null, owner: string | null, inPhonebook: boolean, myRole: Types.NumberRole, state: Types.NumberState, managersGroup: { name: string, members: Array<string> } | null }>, myOwnershipOffers: Array<{ requestId: string, number: string, description: string | null, currentOwner: string | null, proposedBy: string, expiresAt: string }> };

export type RequestPersonalNumberMutationVariables = Types.Exact<{ [key: string]: never; }>;


export type RequestPersonalNumberMutation = { requestPersonalNumber: { id: string, status: Types.RequestStatus, kind: string } };

export type SetPhonebookListingMutationVariables = Types.Exact<{
  number: Types.Scalars['String']['input'];
  listed: Types.Scalars['Boolean']['input'];
}>;


export type SetPhonebookListingMutation = { setPhonebookListing: { id: string, status: Types.RequestStatus, kind: string } };

export type TurnToSharedMutationVariables = Types.Exact<{
  number: Types.Scalars['String']['input'];
  description: Types.Scalars['String']['input'];
  managers: Array<Types.Scalars['String']['input']> | Types.Scalars['String']['input'];
}>;


export type TurnToSharedMutation = { turnToShared: { id: string, status: Types.RequestStatus, kind: string } };

export type DeleteNumberMutationVariables = Types.Exact<{
  number: Types.Scalars['String']['input'];
}>;


export type DeleteNumberMutation = { deleteNumber: { id: string, status: Types.RequestStatus, kind: string } };

export type RequestSharedNumberMutationVariables = Types.Exact<{
  description: Types.Scalars['String']['input'];
  managers: Array<Types.Scalars['String']['input']> | Types.Scalars['String']['input'];
}>;


export type RequestSharedNumberMutation = { requestSharedNumber: { id: string, status: Types.RequestStatus, kind: string } };

export type ChangeDescriptionMutationVariables = Types.Exact<{
  number: Types.Scalars['String']['input'];
  description: Types.Scalars['String']['input'];
}>;


export type ChangeDescriptionMutation = { changeDescription: { id: string, status: Types.RequestStatus, kind: string } };

export type SetManagersMutationVariables = Types.Exact<{
  number: Types.Scalars['String']['input'];
  members: Array<Types.Scalars['String']['input']> | Types.Scalars['String']['input'];
}>;


export type SetManagersMutation = { setManagers: { id: string, status: Types.RequestStatus, kind: string } };

export type ProposeOwnerMutationVariables = Types.Exact<{
  number: Types.Scalars['String']['input'];
  newOwner: Types.Scalars['String']['input'];
}>;


export type ProposeOwnerMutation = { proposeOwner: { id: string, status: Types.RequestStatus, kind: string } };

export type RespondToOwnershipMutationVariables = Types.Exact<{
  requestId: Types.Scalars['ID']['input'];
  accept: Types.Scalars['Boolean']['input'];
}>;


export type RespondToOwnershipMutation = { respondToOwnership: { id: string, status: Types.RequestStatus, kind: string } };

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

export const MyPersonalNumberDocument = new TypedDocumentString(`
    query MyPersonalNumber {
  myPersonalNumber {
    number
    state
    inPhonebook
  }
}
    `) as unknown as TypedDocumentString<MyPersonalNumberQuery, MyPersonalNumberQueryVariables>;
export const MySharedNumbersDocument = new TypedDocumentString(`
    query MySharedNumbers {
  mySharedNumbers {
    number
    description
    owner
    managersGroup {
      name
      members
    }
    inPhonebook
    myRole
    state
  }
  myOwnershipOffers {
    requestId
    number
    description
    currentOwner
    proposedBy
    expiresAt
  }
}
    `) as unknown as TypedDocumentString<MySharedNumbersQuery, MySharedNumbersQueryVariables>;
export const RequestPersonalNumberDocument = new TypedDocumentString(`
    mutation RequestPersonalNumber {
  requestPersonalNumber {
    ...AcceptedRequest
  }
}
    fragment AcceptedRequest on Request {
  id
  status
  kind
}`) as unknown as TypedDocumentString<RequestPersonalNumberMutation, RequestPersonalNumberMutationVariables>;
export const SetPhonebookListingDocument = new TypedDocumentString(`
    mutation SetPhonebookListing($number: String!, $listed: Boolean!) {
  setPhonebookListing(number: $number, listed: $listed) {
    ...AcceptedRequest
  }
}
    fragment AcceptedRequest on Request {
  id
  status
  kind
}`) as unknown as TypedDocumentString<SetPhonebookListingMutation, SetPhonebookListingMutationVariables>;
export const TurnToSharedDocument = new TypedDocumentString(`
    mutation TurnToShared($number: String!, $description: String!, $managers: [String!]!) {
  turnToShared(number: $number, description: $description, managers: $managers) {
    ...AcceptedRequest
  }
}
    fragment AcceptedRequest on Request {
  id
  status
  kind
}`) as unknown as TypedDocumentString<TurnToSharedMutation, TurnToSharedMutationVariables>;
export const DeleteNumberDocument = new TypedDocumentString(`
    mutation DeleteNumber($number: String!) {
  deleteNumber(number: $number) {
    ...AcceptedRequest
  }
}
    fragment AcceptedRequest on Request {
  id
  status
  kind
}`) as unknown as TypedDocumentString<DeleteNumberMutation, DeleteNumberMutationVariables>;
export const RequestSharedNumberDocument = new TypedDocumentString(`
    mutation RequestSharedNumber($description: String!, $managers: [String!]!) {
  requestSharedNumber(description: $description, managers: $managers) {
    ...AcceptedRequest
  }
}
    fragment AcceptedRequest on Request {
  id
  status
  kind
}`) as unknown as TypedDocumentString<RequestSharedNumberMutation, RequestSharedNumberMutationVariables>;
export const ChangeDescriptionDocument = new TypedDocumentString(`
    mutation ChangeDescription($number: String!, $description: String!) {
  changeDescription(number: $number, description: $description) {
    ...AcceptedRequest
  }
}
    fragment AcceptedRequest on Request {
  id
  status
  kind
}`) as unknown as TypedDocumentString<ChangeDescriptionMutation, ChangeDescriptionMutationVariables>;
export const SetManagersDocument = new TypedDocumentString(`
    mutation SetManagers($number: String!, $members: [String!]!) {
  setManagers(number: $number, members: $members) {
    ...AcceptedRequest
  }
}
    fragment AcceptedRequest on Request {
  id
  status
  kind
}`) as unknown as TypedDocumentString<SetManagersMutation, SetManagersMutationVariables>;
export const ProposeOwnerDocument = new TypedDocumentString(`
    mutation ProposeOwner($number: String!, $newOwner: String!) {
  proposeOwner(number: $number, newOwner: $newOwner) {
    ...AcceptedRequest
  }
}
    fragment AcceptedRequest on Request {
  id
  status
  kind
}`) as unknown as TypedDocumentString<ProposeOwnerMutation, ProposeOwnerMutationVariables>;
export const RespondToOwnershipDocument = new TypedDocumentString(`
    mutation RespondToOwnership($requestId: ID!, $accept: Boolean!) {
  respondToOwnership(requestId: $requestId, accept: $accept) {
    ...AcceptedRequest
  }
}
    fragment AcceptedRequest on Request {
  id
  status
  kind
}`) as unknown as TypedDocumentString<RespondToOwnershipMutation, RespondToOwnershipMutationVariables>;