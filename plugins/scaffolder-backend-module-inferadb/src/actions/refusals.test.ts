import { ConflictError, InputError } from '@backstage/errors';
import { refusalsAsMessages } from './refusals';

async function stackOf(error: Error): Promise<string | undefined> {
  try {
    await refusalsAsMessages(async () => {
      throw error;
    });
  } catch (thrown) {
    expect(thrown).toBe(error);
    return (thrown as Error).stack;
  }
  throw new Error('nothing was thrown');
}

describe('refusalsAsMessages', () => {
  it('leaves a refusal its message alone, so no server path reaches the task log', async () => {
    expect(await stackOf(new InputError('region id is taken'))).toBe(
      'InputError: region id is taken',
    );
    expect(await stackOf(new ConflictError('Secret is not managed'))).toBe(
      'ConflictError: Secret is not managed',
    );
  });

  it('keeps the stack of an unexpected error, which is a bug to report', async () => {
    expect(await stackOf(new TypeError('x is undefined'))).toMatch(
      /^TypeError: x is undefined\n\s+at /,
    );
  });
});
