import {
  ChildWorkflowFailure,
  executeChild,
  ParentClosePolicy,
  setHandler,
  sleep,
  uuid4,
} from '@temporalio/workflow';
import { WorkflowExecutionAlreadyStartedError, WorkflowIdReusePolicy } from '@temporalio/common';
import type { SystemActivities } from '../activities';
import {
  LIFECYCLE_ACTOR,
  lifecycleQuery,
  type LifecycleState,
  type LifecycleTiming,
} from '../libs/contracts/lifecycle';
import type { RequestProgress } from '../libs/contracts/progress';
import type { RequestInput } from '../libs/contracts/request-input';
import type { RequestKind } from '../libs/contracts/request-kind';
import type { SystemName } from '../libs/contracts/systems';
import { workflowIds } from '../libs/contracts/workflow-ids';
import { activitiesFor } from './kit/activity-proxies';

/**
 * What every lifecycle workflow shares: its state (the `lifecycle` query), activities by system,
 * absolute-date waits, and starting a request of its own on the number the way the API would
 * (locks, projection row, workflow id `number-<n>`), waiting its turn while another request runs.
 */
export class LifecycleRun {
  readonly state: LifecycleState;
  private calls = 0;

  constructor(
    private readonly timing: LifecycleTiming,
    number: string,
    ownerLogin: string,
    phase: string,
  ) {
    this.state = { number, ownerLogin, phase, requests: [], remindersSent: [] };
    setHandler(lifecycleQuery, () => JSON.parse(JSON.stringify(this.state)) as LifecycleState);
  }

  /** Activities of one system, each call with its own activity id. */
  on<S extends SystemName>(system: S): SystemActivities[S] {
    this.calls += 1;
    return activitiesFor(this.timing.settings, system, `lifecycle-${system}#${this.calls}`);
  }

  enter(phase: string, nextAt?: Date): void {
    this.state.phase = phase;
    this.state.nextAt = nextAt?.toISOString();
  }

  end(outcome: string): string {
    this.enter('ENDED');
    this.state.outcome = outcome;
    return outcome;
  }

  /** Workflow time, so replays agree. */
  now(): number {
    return new Date().getTime();
  }

  async sleepUntil(at: number): Promise<void> {
    const wait = at - this.now();
    if (wait > 0) await sleep(wait);
  }

  /** Runs a request on the number as a child workflow; undefined if it was terminated from outside. */
  async request(spec: {
    kind: RequestKind;
    workflowType: string;
    requester: string;
    input: (common: RequestInput) => RequestInput;
  }): Promise<RequestProgress | undefined> {
    const { number } = this.state;
    const workflowId = workflowIds.number(number);
    for (;;) {
      const id = uuid4();
      const { value: opened } = await this.on('inventory').openLifecycleRequest({
        id,
        kind: spec.kind,
        workflowId,
        requester: spec.requester,
        number,
      });
      if (!opened.opened) {
        // Someone's request is running on the number: its turn first.
        await sleep(this.timing.lockRetryMs);
        continue;
      }
      const entry = { kind: spec.kind, requestId: id, status: 'RUNNING' };
      this.state.requests.push(entry);
      const common = {
        requestId: id,
        requester: spec.requester,
        actor: LIFECYCLE_ACTOR,
        settings: this.timing.settings,
      };
      try {
        const progress = await executeChild<(input: RequestInput) => Promise<RequestProgress>>(
          spec.workflowType,
          {
            workflowId,
            args: [spec.input(common)],
            // A request runs to its end even if the lifecycle itself is stopped.
            parentClosePolicy: ParentClosePolicy.ABANDON,
            workflowIdReusePolicy: WorkflowIdReusePolicy.ALLOW_DUPLICATE,
          },
        );
        entry.status = progress.status;
        return progress;
      } catch (error) {
        if (error instanceof ChildWorkflowFailure) {
          entry.status = 'TERMINATED';
          return undefined;
        }
        if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
        // The previous request on the number is still closing: give everything back and retry.
        entry.status = 'NOT_STARTED';
        await this.on('inventory').abandonLifecycleRequest({ id });
        await sleep(this.timing.lockRetryMs);
      }
    }
  }
}
