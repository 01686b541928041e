import type { RequestInput } from './request-input';

/** Input of `newPersonalNumberWorkflow`: the requester gets one number from the personal pool. */
export type NewPersonalNumberInput = RequestInput;

export const NEW_PERSONAL_NUMBER = 'newPersonalNumberWorkflow';
