import { InputError } from '@backstage/errors';

/**
 * The API's limit on a key's description.
 *
 * @public
 */
export const MAX_DESCRIPTION_LENGTH = 50;

const DESCRIPTION_CHARS = /^[A-Za-z0-9 _-]*$/;
const TAG = /^tag:[A-Za-z][A-Za-z0-9-]*$/;

/**
 * Rejects a description the API would refuse, naming the limit and the fix.
 *
 * @public
 */
export function validateKeyDescription(description: string): void {
  if (description.length > MAX_DESCRIPTION_LENGTH) {
    throw new InputError(
      `description must be at most ${MAX_DESCRIPTION_LENGTH} characters (got ${description.length}): shorten it`,
    );
  }
  if (!DESCRIPTION_CHARS.test(description)) {
    throw new InputError(
      'description may hold only letters, digits, spaces, hyphens and underscores: remove other characters',
    );
  }
}

/**
 * Rejects tags that are not of the form `tag:name`.
 *
 * @public
 */
export function validateTags(tags: string[]): void {
  const bad = tags.filter(t => !TAG.test(t));
  if (bad.length > 0) {
    throw new InputError(
      `tags must look like "tag:inferadb-us-west-1" (letters, digits, hyphens after "tag:"); invalid: ${bad.join(
        ', ',
      )}`,
    );
  }
}

/**
 * Rejects an expiry the API would refuse (1 second to 90 days).
 *
 * @public
 */
export function validateExpirySeconds(expirySeconds: number): void {
  if (
    !Number.isInteger(expirySeconds) ||
    expirySeconds < 1 ||
    expirySeconds > 90 * 86400
  ) {
    throw new InputError(
      `expirySeconds must be a whole number from 1 to ${
        90 * 86400
      } (90 days); got ${expirySeconds}`,
    );
  }
}
