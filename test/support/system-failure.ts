import { isSystemError, type SystemError } from '../../libs/systems/system-error';

/** The SystemError a driver call must fail with; anything else (or success) fails the test. */
export async function systemFailure(promise: Promise<unknown>): Promise<SystemError> {
  try {
    await promise;
  } catch (error) {
    if (isSystemError(error)) return error;
    throw error;
  }
  throw new Error('expected the call to fail');
}
