import { defineQuery } from '@temporalio/workflow';
import type { RequestInput } from './request-input';
import type { WorkflowSettings } from './settings';
import type { SystemName } from './systems';

export const RECONCILIATION = 'reconciliationWorkflow';
export const REPAIR_DRIFT = 'repairDriftWorkflow';

/** The systems a reconciliation compares with the inventory (docs/domain.md §6). */
export const RECONCILED_SYSTEMS = [
  'pbx',
  'directory',
  'network',
  'dhcp',
] as const satisfies readonly SystemName[];
export type ReconciledSystem = (typeof RECONCILED_SYSTEMS)[number];

/**
 * The two directions of a scan: `inventory` reads the inventory in pages and asks the system for
 * what each page expects (finds what is missing); `system` reads the system in pages and asks the
 * inventory about each item (finds what is orphaned).
 */
export type ScanPass = 'inventory' | 'system';

/** Input of `reconciliationWorkflow`; the run's row in `reconciliation_runs` exists already. */
export interface ReconciliationInput {
  runId: string;
  /** Resources read per page, from the inventory or from a system. */
  pageSize: number;
  settings: WorkflowSettings;
}

/** How one system's scan went. */
export interface SystemScan {
  status: 'PENDING' | 'RUNNING' | 'DONE' | 'FAILED';
  /** Resources looked at (inventory rows and system items). */
  checked: number;
  /** Drift items recorded. */
  drift: number;
  /** Why the system could not be read, when FAILED. */
  error?: string;
}

/** A reconciliation run's live state, answered by its `reconciliationProgress` query. */
export interface ReconciliationProgress {
  runId: string;
  /** RUNNING, COMPLETED (every system read) or PARTIAL (some system could not be read). */
  status: 'RUNNING' | 'COMPLETED' | 'PARTIAL';
  systems: Record<ReconciledSystem, SystemScan>;
}

export const reconciliationProgressQuery = defineQuery<ReconciliationProgress>('reconciliationProgress');

/** One page of a scan, as the workflow asks an activity for it. */
export interface ScanPageInput {
  runId: string;
  system: ReconciledSystem;
  pass: ScanPass;
  /** Where the previous page ended; absent for the first. */
  after?: string;
  limit: number;
}

export interface ScanPageResult {
  /** Where the next page starts; absent when this was the last. */
  next?: string;
  checked: number;
  drift: number;
}

/** What a repair brings back in line with the inventory. */
export type RepairTarget = { type: 'number'; number: string } | { type: 'phone'; mac: string };

/**
 * Input of `repairDriftWorkflow`: makes every system agree with the inventory about one resource,
 * re-reading both at repair time (a report may be stale). The workflow id is the resource's own
 * (`workflowIds.number` / `workflowIds.phone`), so it never runs beside another request on it.
 */
export interface RepairDriftInput extends RequestInput {
  target: RepairTarget;
}
