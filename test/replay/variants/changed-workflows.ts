// Deliberately changed versions of a workflow, bundled by the replay test to prove that it catches a
// change that would break running workflows, and that patched() makes the same change safe.
import { patched, sleep } from '@temporalio/workflow';
import type { NewPersonalNumberInput } from '../../../libs/contracts/new-personal-number';
import { newPersonalNumberWorkflow } from '../../../workflows/new-personal-number.workflow';

/** A new first command (a timer) with no patch: histories recorded before it cannot replay. */
export async function unpatchedChangeWorkflow(input: NewPersonalNumberInput) {
  await sleep(1);
  return newPersonalNumberWorkflow(input);
}

/** The same change behind patched(): a recorded history takes the old path when it replays. */
export async function patchedChangeWorkflow(input: NewPersonalNumberInput) {
  if (patched('pause-before-first-step')) await sleep(1);
  return newPersonalNumberWorkflow(input);
}
