/** Who is calling the API, once authenticated, with the roles their e-groups give them. */
export interface Viewer {
  login: string;
  isServiceDesk: boolean;
  /** Units (departments) whose migration campaigns they may schedule. */
  unitAdminOf: string[];
}

/** What the GraphQL context carries about the caller. */
export interface AuthContext {
  viewer: Viewer | null;
  /** Why authentication failed, when a credential was presented but refused. */
  authError?: string;
  /** The login a service-desk agent asked to act for (header `x-switchboard-on-behalf-of`). */
  onBehalfOf?: string;
}

/**
 * The person an operation is for and who really performs it. They differ only when a service-desk
 * agent acts on someone's behalf; every such action is audited with both.
 */
export interface Caller {
  /** The person the action is for. */
  login: string;
  /** Who is really acting. */
  actor: string;
  onBehalf: boolean;
  /** Roles of the actor. */
  isServiceDesk: boolean;
  unitAdminOf: string[];
}
