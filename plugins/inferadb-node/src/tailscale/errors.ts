import { stripCredentials } from '../redact';
import {
  AuthenticationError,
  InputError,
  NotAllowedError,
  NotFoundError,
  ServiceUnavailableError,
} from '@backstage/errors';
import type { TailscaleCredentials } from './types';

/** What an API call was for, so an error can say which permission it lacked. */
export interface TailscaleOperation {
  /** e.g. `create an auth key` */
  what: string;
  /** The OAuth scope the call needs, e.g. `auth_keys`. */
  scope: string;
  /** Tags the call asks for (key creation), for tag-ownership errors. */
  tags?: string[];
  /**
   * What to check when the call may have taken effect although its answer was lost or
   * unreadable (a POST is never retried), e.g. which key to look for.
   */
  ifProcessed?: string;
}

/**
 * The admin console page listing a tailnet's auth keys.
 *
 * @public
 */
export const TAILSCALE_KEYS_CONSOLE =
  'https://login.tailscale.com/admin/settings/keys';

/** The body of a Tailscale error, `{"message": ...}`, cut short and free of secrets. */
export async function readErrorMessage(response: Response): Promise<string> {
  const text = await response.text().catch(() => '');
  let message = text;
  try {
    const body = JSON.parse(text);
    message = String(
      body?.message ?? body?.error_description ?? body?.error ?? text,
    );
  } catch {
    // not JSON: keep the text
  }
  // tokens never appear in Tailscale's messages, but scrub anything shaped like one
  return stripCredentials(message).slice(0, 300);
}

function tagsLookRefused(message: string): boolean {
  return (
    /tag/i.test(message) && /(invalid|not permitted|own|allowed)/i.test(message)
  );
}

/**
 * Turns a failed response into an error that names the operation, the status, the
 * API's message and what to change: the missing OAuth scope, the tags the OAuth client
 * must own, or the credentials in app-config.
 */
export function toTailscaleError(
  op: TailscaleOperation,
  status: number,
  message: string,
  authType: TailscaleCredentials['type'],
): Error {
  const prefix = `Tailscale API refused to ${op.what} (HTTP ${status}: ${
    message || 'no message'
  })`;
  if (status === 401) {
    return new AuthenticationError(
      authType === 'oauth'
        ? `${prefix}. The OAuth client credentials in inferadb.tailscale.oauth were rejected: check clientId/clientSecret or create a new OAuth client.`
        : `${prefix}. The API access token in inferadb.tailscale.apiKey was rejected: it may have expired (tokens last 1-90 days) or been revoked; create a new one.`,
    );
  }
  if (
    (status === 403 || status === 400) &&
    op.tags &&
    tagsLookRefused(message)
  ) {
    return new NotAllowedError(
      authType === 'oauth'
        ? `${prefix}. The OAuth client may only create keys with tags it owns: give it the tag(s) ${op.tags.join(
            ', ',
          )} (or tags that own them in the policy file's tagOwners), or request tags it owns.`
        : `${prefix}. The token's owner must own the tag(s) ${op.tags.join(
            ', ',
          )} in the policy file's tagOwners.`,
    );
  }
  if (status === 403) {
    return new NotAllowedError(
      authType === 'oauth'
        ? `${prefix}. The OAuth client needs the "${op.scope}" scope: edit the OAuth client in the admin console (Settings > OAuth clients) or create one with that scope.`
        : `${prefix}. The API access token's owner lacks the permission to ${op.what} (needs what the "${op.scope}" scope grants): use a token of an Admin or an OAuth client with that scope.`,
    );
  }
  if (status === 404) {
    return new NotFoundError(
      `${prefix}. Check inferadb.tailscale.tailnet and the id.`,
    );
  }
  if (status === 400) {
    return new InputError(prefix);
  }
  if (status === 429 || status >= 500) {
    return new ServiceUnavailableError(
      `${prefix}. Tailscale is rate limiting or unavailable; try again later.`,
    );
  }
  return new Error(prefix);
}
