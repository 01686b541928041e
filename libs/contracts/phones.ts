import type { RequestParties } from './people';
import type { NetworkDevice } from './system-records';
import { defineSignal } from '@temporalio/workflow';
import type { RequestInput } from './request-input';

export const REGISTER_PHONE = 'registerPhoneWorkflow';
export const UNREGISTER_PHONE = 'unregisterPhoneWorkflow';
export const PAIR_D60 = 'pairD60Workflow';
export const UNPAIR_D60 = 'unpairD60Workflow';

/**
 * Input of `registerPhoneWorkflow` (docs/domain.md §6 "Register IP phone"). The `ip_phones` row exists
 * already (state REQUESTED), created by whoever starts the request; the workflow id is
 * `workflowIds.phone(mac)`. A parent workflow that runs it as a child (legacy migration) need not
 * create the row: the workflow's first step records it when it is missing.
 */
export interface RegisterPhoneInput extends RequestInput {
  phoneId: string;
  /** Canonical MAC (12 lowercase hex digits). */
  mac: string;
  number: string;
  modelId: string;
  office: string | null;
  /** How long to wait for the phone's first boot before parking. */
  firstBootTimeoutMs: number;
  /**
   * How soon to look for the first boot at first; the interval then doubles, up to five minutes.
   * Default: a twentieth of the timeout, between 100 ms and 5 s.
   */
  firstBootPollMs?: number;
}

/** Input of `unregisterPhoneWorkflow`: the reverse of registration. */
export interface UnregisterPhoneInput extends RequestInput {
  phoneId: string;
  mac: string;
  number: string;
}

/** A D60 handset: its slot on the base (1-5) and the number it rings. */
export interface D60Handset {
  slot: number;
  number: string;
}

/**
 * Input of `pairD60Workflow` (docs/domain.md §6 "D60 pairing"): a D60 DECT base paired with an ACTIVE
 * host VVX; the host's configuration gains the D60 block. Workflow id: `workflowIds.phone(hostMac)`.
 */
export interface PairD60Input extends RequestInput {
  /** Id of the `d60_bases` row the workflow records (chosen by the API). */
  baseId: string;
  hostPhoneId: string;
  /** Canonical MACs. */
  hostMac: string;
  baseMac: string;
  /** One to five handsets. */
  handsets: D60Handset[];
}

/** Input of `unpairD60Workflow`: the host's configuration loses its D60 block, then the base record goes. */
export interface UnpairD60Input extends RequestInput {
  hostPhoneId: string;
  hostMac: string;
}

/**
 * "Look now": the phone at this MAC has probably just booted (its configuration was fetched). The
 * registration workflow checks at once instead of at its next poll; the evidence itself is always
 * read from the provisioning server and the PBX, never taken from the signal.
 */
export const phoneBootedSignal = defineSignal('phoneBooted');

/** What the registration's later steps need, worked out once by its first step. */
export interface PhoneRegistrationPlan {
  device: NetworkDevice;
  /** Who hears about the outcome; null when the directory has no mail for them. */
  recipient: { displayName: string; mail: string } | null;
}

export interface PreparePhoneRegistration extends RequestParties {
  phoneId: string;
  requestId: string;
  mac: string;
  number: string;
  modelId: string;
  office: string | null;
}

/** Evidence of a phone's first boot, read from the provisioning server and the PBX. */
export interface FirstBootEvidence {
  /** When the phone fetched its configuration (ISO), if it has since it was published. */
  configFetchedAt: string | null;
  /** Whether something is registered on the line at the PBX. */
  registered: boolean;
}

/** A D60 pairing's request, checked again by its first step. */
export interface PrepareD60Pairing extends RequestParties {
  hostPhoneId: string;
  hostMac: string;
  baseMac: string;
  handsets: D60Handset[];
}
