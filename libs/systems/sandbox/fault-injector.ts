import type { DataSource } from 'typeorm';
import type { SystemName } from '../../contracts/systems';
import { SandboxFaultEntity } from '../../persistence/entities';
import { systemRejected, systemUnavailable } from '../system-error';

export interface FaultSpec {
  system: SystemName;
  /** A port method name, or '*' for all of the system's operations. */
  operation?: string;
  /**
   * transient: retried then parked; permanent: compensated at once; delay: slows the call by
   * `delayMs`; hold: keeps the call waiting until the fault is released (`release`, `clear`), so a
   * test can watch the step RUNNING for as long as it needs instead of hoping a delay lasts.
   */
  kind: 'transient' | 'permanent' | 'delay' | 'hold';
  /** How many calls it affects; omit for every call until cleared. */
  times?: number;
  /** For a delay, how long; for a hold, the longest it waits unreleased (a minute by default). */
  delayMs?: number;
  message?: string;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** How long a hold waits when nobody releases it: a forgotten hold slows a test, never hangs it. */
const HOLD_LIMIT_MS = 60_000;
const HOLD_POLL_MS = 50;

/**
 * Fault injection for sandbox drivers, stored in the app database so a test, the API or a person
 * can arm it while the worker runs. Every matching fault applies, oldest first.
 */
export class FaultInjector {
  constructor(private readonly dataSource: DataSource) {}

  async inject(spec: FaultSpec): Promise<number> {
    const repo = this.dataSource.getRepository(SandboxFaultEntity);
    const saved = await repo.save({
      system: spec.system,
      operation: spec.operation ?? '*',
      kind: spec.kind,
      remaining: spec.times ?? null,
      delayMs: spec.delayMs ?? 0,
      message: spec.message ?? null,
      createdAt: new Date(),
    });
    return saved.id;
  }

  async clear(system?: SystemName): Promise<void> {
    const query = this.dataSource.createQueryBuilder().delete().from(SandboxFaultEntity);
    await (system ? query.where('system = :system', { system }) : query).execute();
  }

  /** Lets the calls a hold keeps waiting go on (and any later call through). */
  async release(id: number): Promise<void> {
    await this.dataSource.getRepository(SandboxFaultEntity).delete({ id });
  }

  async list(): Promise<SandboxFaultEntity[]> {
    return this.dataSource.getRepository(SandboxFaultEntity).find({ order: { id: 'ASC' } });
  }

  /** Called before each driver operation: waits, throws, or lets it through. */
  async before(system: SystemName, operation: string): Promise<void> {
    const repo = this.dataSource.getRepository(SandboxFaultEntity);
    const faults = await repo.find({
      where: [
        { system, operation },
        { system, operation: '*' },
      ],
      order: { id: 'ASC' },
    });
    for (const fault of faults) {
      if (fault.remaining !== null) {
        // Claim one use atomically, so two concurrent calls cannot both consume a "fail once".
        const claimed = await repo
          .createQueryBuilder()
          .update()
          .set({ remaining: () => '"remaining" - 1' })
          .where('id = :id AND "remaining" > 0', { id: fault.id })
          .execute();
        if ((claimed.affected ?? 0) === 0) continue;
        // A used-up hold stays until released: its row is what the held call watches.
        if (fault.kind !== 'hold') await repo.delete({ id: fault.id, remaining: 0 });
      }
      if (fault.kind === 'hold') {
        const deadline = Date.now() + (fault.delayMs > 0 ? fault.delayMs : HOLD_LIMIT_MS);
        while (Date.now() < deadline && (await repo.existsBy({ id: fault.id }))) await sleep(HOLD_POLL_MS);
        continue;
      }
      if (fault.delayMs > 0) await sleep(fault.delayMs);
      const message = fault.message ?? `injected ${fault.kind} fault in ${system}.${operation}`;
      if (fault.kind === 'transient') throw systemUnavailable(system, message);
      if (fault.kind === 'permanent') throw systemRejected(system, message);
    }
  }
}

/**
 * Wraps every method of a port so the injector runs first. Used only for sandbox drivers; real
 * drivers fail on their own.
 */
export function withFaults<T extends object>(system: SystemName, port: T, injector: FaultInjector): T {
  return new Proxy(port, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== 'function' || typeof property !== 'string') return value;
      return async (...args: unknown[]) => {
        await injector.before(system, property);
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
}
