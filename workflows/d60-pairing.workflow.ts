import type { D60Handset, PairD60Input, UnpairD60Input } from '../libs/contracts/phones';
import type { RequestProgress } from '../libs/contracts/progress';
import { RequestKind } from '../libs/contracts/request-kind';
import { formatMacAddress } from '../libs/domain/mac-address';
import { RequestRun } from './kit/request-run';
import type { StepDefinition } from './kit/timeline';

export const PAIR_D60_STEPS = [
  { id: 'check-request', system: 'inventory', action: 'Check the host phone, the base and the handsets' },
  { id: 'record-base', system: 'inventory', action: 'Record the D60 base on its host phone' },
  {
    id: 'regenerate-host-config',
    system: 'provisioning',
    action: "Regenerate the host phone's configuration with the D60 block",
  },
] as const satisfies readonly StepDefinition[];

export const UNPAIR_D60_STEPS = [
  { id: 'check-request', system: 'inventory', action: 'Check the host phone and its D60 base' },
  {
    id: 'regenerate-host-config',
    system: 'provisioning',
    action: "Regenerate the host phone's configuration without the D60 block",
  },
  { id: 'forget-base', system: 'inventory', action: 'Forget the D60 base' },
] as const satisfies readonly StepDefinition[];

const block = (baseMac: string, handsets: readonly D60Handset[]) => ({
  baseMac,
  handsets: handsets.map((h) => ({ slot: h.slot, extension: h.number })),
});

/**
 * docs/domain.md §6 "D60 pairing": the host VVX must be ACTIVE → record the base → regenerate the host's
 * configuration with the D60 block. Undo order: the configuration without the block, then the record.
 */
export async function pairD60Workflow(input: PairD60Input): Promise<RequestProgress> {
  const run = new RequestRun(input, RequestKind.PAIR_D60, PAIR_D60_STEPS);
  const { baseId, hostPhoneId, hostMac, baseMac, handsets } = input;
  run.timeline.setSubject(formatMacAddress(hostMac, 'colon'));

  return run.execute(async () => {
    await run.step('check-request', (a) =>
      a.prepareD60Pairing({
        hostPhoneId,
        hostMac,
        baseMac,
        handsets,
        requester: input.requester,
        actor: input.actor,
      }),
    );
    await run.step('record-base', (a) => a.recordD60Base({ baseId, hostPhoneId, baseMac, handsets }), {
      mayHalfApply: true,
      undo: (a) => a.removeD60Base({ baseId }),
    });
    await run.step(
      'regenerate-host-config',
      (a) => a.publishPhoneConfig({ phoneId: hostPhoneId, d60: block(baseMac, handsets) }),
      { mayHalfApply: true, undo: (a) => a.publishPhoneConfig({ phoneId: hostPhoneId, d60: null }) },
    );
    run.timeline.setResult({ base: formatMacAddress(baseMac, 'colon'), handsets: String(handsets.length) });
  });
}

/** The reverse of pairing: the host's configuration loses the D60 block, then the base record goes. */
export async function unpairD60Workflow(input: UnpairD60Input): Promise<RequestProgress> {
  const run = new RequestRun(input, RequestKind.UNPAIR_D60, UNPAIR_D60_STEPS);
  const { hostPhoneId, hostMac } = input;
  run.timeline.setSubject(formatMacAddress(hostMac, 'colon'));

  return run.execute(async () => {
    const base = await run.step('check-request', (a) =>
      a.prepareD60Unpairing({ hostPhoneId, hostMac, requester: input.requester, actor: input.actor }),
    );
    await run.step(
      'regenerate-host-config',
      (a) => a.publishPhoneConfig({ phoneId: hostPhoneId, d60: null }),
      {
        mayHalfApply: true,
        undo: (a) => a.publishPhoneConfig({ phoneId: hostPhoneId, d60: block(base.baseMac, base.handsets) }),
      },
    );
    await run.step('forget-base', (a) => a.removeD60Base({ baseId: base.baseId }));
  });
}
