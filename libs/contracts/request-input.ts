import type { WorkflowSettings } from './settings';

/** What every request workflow receives besides its own fields. */
export interface RequestInput {
  /** The request's id, chosen by the API (UUID); the request projection's primary key. */
  requestId: string;
  /** Login of the person the request is for. */
  requester: string;
  /** Login of whoever made the request (the requester, or a service-desk agent on their behalf). */
  actor: string;
  settings: WorkflowSettings;
}
