import { randomBytes } from 'node:crypto';
import { basename } from 'node:path';
import { Connection } from '@temporalio/client';
import { msToTs } from '@temporalio/common/lib/time';
import { ensureSearchAttributes } from '../../libs/temporal/ensure-search-attributes';

/** A day, the shortest retention the server accepts; the dev server is gone long before. */
const RETENTION = '1 day';

/**
 * Registers a namespace of its own for one test world on the run's shared Temporal server, with
 * Switchboard's search attributes. Workflow ids derive from resources (`number-<n>`, `phone-<mac>`,
 * `personal-number-<login>`) and every world's database hands out the same numbers and demo people,
 * so worlds in one namespace would refuse each other's requests; in namespaces of their own, files
 * run in parallel, and one file's leftovers cannot reach the next. Named after the test file, so a
 * namespace in the server's UI says whose it is.
 */
export async function createTestNamespace(address: string): Promise<string> {
  const file = basename(expect.getState().testPath ?? 'world').replace(/\.int-spec\.ts$/, '');
  const namespace = `test-${file.replace(/[^a-z0-9-]/gi, '-')}-${randomBytes(4).toString('hex')}`;
  const connection = await Connection.connect({ address });
  try {
    await connection.workflowService.registerNamespace({
      namespace,
      workflowExecutionRetentionPeriod: msToTs(RETENTION),
    });
  } finally {
    await connection.close();
  }
  await ensureSearchAttributes(address, namespace);
  return namespace;
}
