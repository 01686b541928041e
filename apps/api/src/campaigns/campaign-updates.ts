import { WorkflowUpdateFailedError, type Client } from '@temporalio/client';
import { WorkflowNotFoundError, type UpdateDefinition } from '@temporalio/common';
import { DomainError, DomainErrorCode } from '../../../../libs/domain/domain-error';

/**
 * Sends an update to a campaign's workflow. A validator's refusal (the campaign is not in a state
 * for it) becomes INVALID_STATE with the workflow's own sentence, so the person learns why.
 */
export async function sendCampaignUpdate<Ret, Arg>(
  client: Client,
  workflowId: string,
  update: UpdateDefinition<Ret, [Arg]>,
  arg: Arg,
): Promise<Ret> {
  try {
    return await client.workflow.getHandle(workflowId).executeUpdate(update, { args: [arg] });
  } catch (error) {
    if (error instanceof WorkflowUpdateFailedError) {
      const reason = error.cause?.message ?? error.message;
      throw new DomainError(DomainErrorCode.INVALID_STATE, `Not possible now: ${reason}.`);
    }
    // The workflow has ended: the campaign is over, whatever the projection says yet.
    if (error instanceof WorkflowNotFoundError) {
      throw new DomainError(DomainErrorCode.INVALID_STATE, 'Not possible now: the campaign has ended.');
    }
    throw error;
  }
}
