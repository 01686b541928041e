import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { History } from '@temporalio/common/lib/proto-utils';
import { temporal } from '@temporalio/proto';
import { DefaultLogger, Runtime, Worker, type ReplayResult } from '@temporalio/worker';

/** Where recorded histories live, one JSON file per workflow type and path. */
export const HISTORIES_DIR = join(__dirname, 'histories');

const HistoryMessage = temporal.api.history.v1.History;

// The SDK's historyToJSON/historyFromJSON fail here ("type must be a Type": @temporalio/common and
// @temporalio/proto each carry their own protobufjs), so histories go through the message class:
// enums and 64-bit numbers as strings, bytes in base64.
export function historyToJson(history: History): string {
  const message = HistoryMessage.fromObject(history);
  return `${JSON.stringify(HistoryMessage.toObject(message, { longs: String, enums: String, bytes: String }), null, 2)}\n`;
}

export function historyFromJson(text: string): History {
  return HistoryMessage.fromObject(JSON.parse(text) as Record<string, unknown>);
}

export interface StoredHistory {
  file: string;
  workflowType: string;
  history: History;
}

export const historyFileName = (workflowType: string, name: string) => `${workflowType}.${name}.json`;

export function loadHistories(dir = HISTORIES_DIR): StoredHistory[] {
  return readdirSync(dir)
    .filter((file) => file.endsWith('.json'))
    .sort()
    .map((file) => ({
      file,
      workflowType: file.split('.')[0],
      history: historyFromJson(readFileSync(join(dir, file), 'utf8')),
    }));
}

/**
 * Writes a history unless its file exists: recorded histories stand for workflows that may still be
 * running, so they are kept, and a new path gets a new name. `overwrite` is for histories of code that
 * never ran in production.
 */
export function saveHistory(history: History, file: string, overwrite: boolean): 'written' | 'kept' {
  const path = join(HISTORIES_DIR, file);
  if (existsSync(path) && !overwrite) return 'kept';
  writeFileSync(path, historyToJson(history));
  return 'written';
}

let runtimeInstalled = false;

/** The replay worker logs every state change at INFO; a divergence is reported in the result anyway. */
function quietRuntime(): void {
  if (runtimeInstalled) return;
  try {
    Runtime.install({ logger: new DefaultLogger('ERROR'), shutdownSignals: [] });
  } catch {
    // Already installed by a test world in this process: its logger is quiet too.
  }
  runtimeInstalled = true;
}

/** Replays histories against a workflow bundle; one result per history, with the error if it diverged. */
export async function replay(
  bundlePath: string,
  histories: Array<{ workflowId: string; history: History }>,
): Promise<ReplayResult[]> {
  quietRuntime();
  const results: ReplayResult[] = [];
  for await (const result of Worker.runReplayHistories(
    { workflowBundle: { codePath: bundlePath } },
    histories,
  )) {
    results.push(result);
  }
  return results;
}

/** The same history, started as another workflow type (to replay it against a changed version). */
export function asWorkflowType(history: History, workflowType: string): History {
  const copy = historyFromJson(historyToJson(history));
  const started = copy.events?.[0]?.workflowExecutionStartedEventAttributes;
  if (!started?.workflowType) throw new Error('the history does not start with WorkflowExecutionStarted');
  started.workflowType.name = workflowType;
  return copy;
}
