import { DomainErrorCode } from '../../libs/domain/domain-error';
import { seedPerson } from '../support/factories';
import { requestPersonalNumber, resultOf } from '../support/workflow-helpers';
import { World } from '../support/world';

// Jest runs test files in parallel workers. Every world's database hands out the same pool numbers and
// workflow ids derive from resources, so what lets two files run at once is that each world has a
// Temporal namespace of its own. This shows that it does, and what happens where two share one.
describe('test worlds side by side (each in a Temporal namespace of its own)', () => {
  const worlds: World[] = [];
  const start = async (overrides: Record<string, string> = {}) => {
    const world = await World.start(overrides);
    worlds.push(world);
    return world;
  };

  afterAll(async () => {
    await Promise.all(worlds.map((world) => world.stop()));
  });

  it('runs the same request under the same workflow id in two worlds at once; a shared namespace refuses it', async () => {
    const login = 'isolationprobe';
    const [held, free] = await Promise.all([start(), start()]);
    expect(held.config.temporal.namespace).not.toBe(free.config.temporal.namespace);
    await free.startWorker();
    for (const world of [held, free]) await seedPerson(world.sandbox, { login });

    // No worker polls the first world's queue, so its request stays running throughout.
    const waiting = await requestPersonalNumber(held, login);
    const done = await requestPersonalNumber(free, login);
    expect(done.workflowId).toBe(waiting.workflowId);
    expect((await resultOf(free.client, done)).status).toBe('COMPLETED');

    // The same world again, but in the first one's namespace: what every file met when they shared one.
    const sharing = await start({ TEMPORAL_NAMESPACE: held.config.temporal.namespace });
    await seedPerson(sharing.sandbox, { login });
    await expect(requestPersonalNumber(sharing, login)).rejects.toMatchObject({
      code: DomainErrorCode.REQUEST_IN_PROGRESS,
    });
  });
});
