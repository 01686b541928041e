import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

/** The request's lifecycle status (see {@link RequestStatus}); lets the service desk list parked requests. */
export const REQUEST_STATUS_ATTRIBUTE = defineSearchAttributeKey(
  'RequestStatus',
  SearchAttributeType.KEYWORD,
);
/** The system of the step that failed or parked, when there is one. */
export const FAILED_SYSTEM_ATTRIBUTE = defineSearchAttributeKey('FailedSystem', SearchAttributeType.KEYWORD);
/** The login of the person the request is for. */
export const REQUESTER_ATTRIBUTE = defineSearchAttributeKey('Requester', SearchAttributeType.KEYWORD);

/** Every custom search attribute Switchboard needs registered on its Temporal namespace. */
export const SEARCH_ATTRIBUTES = [
  REQUEST_STATUS_ATTRIBUTE,
  FAILED_SYSTEM_ATTRIBUTE,
  REQUESTER_ATTRIBUTE,
] as const;
