/**
 * Errors our actions raise on purpose (Backstage's error classes, each with a message that
 * says what is wrong and what to do).
 */
const REFUSALS = new Set([
  'InputError',
  'AuthenticationError',
  'NotAllowedError',
  'NotFoundError',
  'ConflictError',
  'ServiceUnavailableError',
]);

/**
 * Runs an action's work so that a refusal reaches the task log as its message alone: the
 * scaffolder logs a failed step's `stack`, whose frames name files on the server and say
 * nothing to the person who ran the template. Unexpected errors keep their stack.
 */
export async function refusalsAsMessages(work: () => Promise<void>) {
  try {
    await work();
  } catch (error) {
    if (error instanceof Error && REFUSALS.has(error.name)) {
      error.stack = `${error.name}: ${error.message}`;
    }
    throw error;
  }
}
