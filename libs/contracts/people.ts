/** A person as a step found them in the directory: enough to name and mail them. */
export interface PersonSummary {
  login: string;
  displayName: string;
  mail: string | null;
}

/** What the lifecycle needs to know about an owner. */
export interface OwnerStatus {
  exists: boolean;
  displayName: string | null;
  /** Last working day (ISO), if any. */
  contractEnd: string | null;
  supervisorLogin: string | null;
}

/** Who a request is for and who made it, for the rights checks the steps repeat. */
export interface RequestParties {
  /** The person the request is for. */
  requester: string;
  /** Who made it (the requester, or a service-desk agent on their behalf). */
  actor: string;
}
