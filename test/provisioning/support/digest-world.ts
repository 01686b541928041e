import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  startProvisioningServer,
  type RunningProvisioningServer,
} from '../../../apps/provisioning/src/provisioning-app';
import { World } from '../../support/world';

/** A World with its worker and two provisioning servers on its data, digest on. */
export interface DigestWorld {
  world: World;
  /** An hour's grace, as by default. */
  lenient: RunningProvisioningServer;
  /** No grace: what a phone sees once its grace is over. */
  strict: RunningProvisioningServer;
  stop(): Promise<void>;
}

export async function startDigestWorld(): Promise<DigestWorld> {
  const uploadDir = mkdtempSync(join(tmpdir(), 'switchboard-uploads-'));
  const world = await World.start({ PROVISIONING_UPLOAD_DIR: uploadDir });
  await world.startWorker();
  const withGrace = (graceMs: number) =>
    startProvisioningServer(
      { ...world.config, provisioning: { ...world.config.provisioning, digest: { graceMs } } },
      { dataSource: world.dataSource, port: 0 },
    );
  const lenient = await withGrace(3_600_000);
  const strict = await withGrace(0);
  return {
    world,
    lenient,
    strict,
    stop: async () => {
      await lenient.stop();
      await strict.stop();
      await world.stop();
      rmSync(uploadDir, { recursive: true, force: true });
    },
  };
}
