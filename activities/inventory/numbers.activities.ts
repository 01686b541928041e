import type { NumberExpectation } from '../../libs/contracts/numbers';
import type { StepOutcome } from '../../libs/contracts/step-outcome';
import { DomainError, DomainErrorCode } from '../../libs/domain/domain-error';
import { NumberState } from '../../libs/domain/number-state';
import type { OfferOutcome } from '../../libs/domain/ownership-offer';
import type {
  LivePhone,
  NumberRecord,
  OwnershipOfferRecord,
} from '../../libs/systems/inventory/number-inventory.port';
import type { ApplyResult } from '../../libs/systems/system-error';
import type { NumberPool } from '../../libs/domain/number-pool';
import type { NumberInventoryPort } from '../../libs/systems/inventory/number-inventory.port';
import { stepsOn } from '../run-step';

const step = stepsOn('inventory');
const apply = (work: () => Promise<ApplyResult>): Promise<StepOutcome> =>
  step(async () => ({ value: undefined, result: await work() }));

function checkExpectation(record: NumberRecord, expect: NumberExpectation): void {
  const states = expect.states ?? [NumberState.ACTIVE];
  if (!states.includes(record.state)) {
    throw new DomainError(
      DomainErrorCode.INVALID_STATE,
      `Number ${record.number} is ${record.state}, so this request cannot change it (it needs ${states.join(' or ')}).`,
    );
  }
  if (expect.types && (record.type === null || !expect.types.includes(record.type))) {
    throw new DomainError(
      DomainErrorCode.INVALID_STATE,
      `Number ${record.number} is ${record.type === null ? 'a legacy' : `a ${record.type.toLowerCase()}`} number; this request needs a ${expect.types.join(' or ').toLowerCase()} one.`,
    );
  }
  if (expect.ownerLogin !== undefined && record.ownerLogin !== expect.ownerLogin) {
    throw new DomainError(
      DomainErrorCode.NOT_OWNER,
      `Number ${record.number} no longer belongs to ${expect.ownerLogin}.`,
    );
  }
}

/** Steps on the inventory of numbers (libs/systems/inventory/number-inventory.ts). */
export function createNumberActivities({
  numbers,
  settings,
  now,
}: {
  numbers: NumberInventoryPort;
  settings: { pools: { shared: NumberPool } };
  now?: () => Date;
}) {
  const clock = () => (now ? now() : new Date());
  return {
    /** Reads the number and checks it is what the request expects (state, type, owner). */
    async loadNumber(input: {
      number: string;
      expect: NumberExpectation;
    }): Promise<StepOutcome<NumberRecord>> {
      return step(async () => {
        const record = await numbers.findNumber(input.number);
        if (!record) {
          throw new DomainError(DomainErrorCode.NOT_FOUND, `Number ${input.number} is not in the inventory.`);
        }
        checkExpectation(record, input.expect);
        return { value: record };
      });
    },

    /** The number as it is, or null; for the lifecycle, which decides itself what a change means. */
    async findNumberRecord(input: { number: string }): Promise<StepOutcome<NumberRecord | null>> {
      return step(async () => ({ value: await numbers.findNumber(input.number) }));
    },

    async livePhonesOf(input: { number: string }): Promise<StepOutcome<LivePhone[]>> {
      return step(async () => ({ value: await numbers.livePhones(input.number) }));
    },

    async reserveSharedNumber(input: {
      requestId: string;
      ownerLogin: string;
      description: string;
    }): Promise<StepOutcome<{ number: string }>> {
      return step(async () => {
        const { number, result } = await numbers.reserveSharedNumber({
          ...input,
          pool: settings.pools.shared,
        });
        return { value: { number }, result };
      });
    },

    setNumberDescription(input: { number: string; description: string }): Promise<StepOutcome> {
      return apply(() => numbers.setDescription(input.number, input.description));
    },

    setNumberPhonebookListed(input: { number: string; listed: boolean }): Promise<StepOutcome> {
      return apply(() => numbers.setPhonebookListed(input.number, input.listed));
    },

    setNumberManagersGroup(input: { number: string; managersGroup: string | null }): Promise<StepOutcome> {
      return apply(() => numbers.setManagersGroup(input.number, input.managersGroup));
    },

    setNumberOwner(input: { number: string; ownerLogin: string }): Promise<StepOutcome> {
      return apply(() => numbers.setOwner(input.number, input.ownerLogin));
    },

    makeNumberShared(input: {
      number: string;
      ownerLogin: string;
      description: string;
      managersGroup: string;
    }): Promise<StepOutcome> {
      return apply(() => numbers.makeShared(input));
    },

    makeNumberPersonal(input: { number: string; ownerLogin: string }): Promise<StepOutcome> {
      return apply(() => numbers.makePersonal(input));
    },

    quarantineNumber(input: { requestId: string; number: string; until: string }): Promise<StepOutcome> {
      return apply(() => numbers.quarantine({ ...input, until: new Date(input.until) }));
    },

    releaseNumberQuarantine(input: { number: string }): Promise<StepOutcome> {
      return apply(() => numbers.releaseQuarantine(input.number, clock()));
    },

    async releaseExpiredQuarantines(): Promise<StepOutcome<string[]>> {
      return step(async () => ({ value: await numbers.releaseExpiredQuarantines(clock()) }));
    },

    deactivateNumber(input: {
      number: string;
      ownerLogin: string;
      reservedUntil: string;
    }): Promise<StepOutcome> {
      return apply(() => numbers.deactivate({ ...input, reservedUntil: new Date(input.reservedUntil) }));
    },

    restoreNumber(input: { number: string; ownerLogin: string }): Promise<StepOutcome> {
      return apply(() => numbers.restore(input));
    },

    recordOwnershipOffer(input: OwnershipOfferRecord): Promise<StepOutcome> {
      return apply(() => numbers.recordOwnershipOffer(input));
    },

    closeOwnershipOffer(input: { requestId: string; outcome: OfferOutcome }): Promise<StepOutcome> {
      return apply(() => numbers.closeOwnershipOffer(input.requestId, input.outcome));
    },
  };
}
