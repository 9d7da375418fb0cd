import { randomBytes, timingSafeEqual } from 'node:crypto';

/** An OAuth client as the admin console defines it: scopes and the tags it may assign. */
export interface EmulatedOAuthClient {
  clientId: string;
  clientSecret: string;
  /** e.g. `auth_keys`, `auth_keys:read`, `devices:core:read`, `all`. */
  scopes: string[];
  /** Tags the client owns; keys it creates must carry these (or tags they own). */
  tags: string[];
}

/** Who a request acts as. */
export type Caller =
  | { type: 'apiKey'; apiKey: string }
  | { type: 'oauth'; client: EmulatedOAuthClient; scopes: string[] };

/** The scopes an operation accepts (a broader scope implies the narrower one). */
export const SCOPES = {
  keysRead: ['auth_keys', 'auth_keys:read', 'all', 'all:read'],
  keysWrite: ['auth_keys', 'all'],
  devicesRead: [
    'devices:core',
    'devices:core:read',
    'devices',
    'devices:read',
    'all',
    'all:read',
  ],
};

export const randomSuffix = (bytes = 12) => randomBytes(bytes).toString('hex');

export function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The token of a request: `Authorization: Bearer <t>` or Basic auth with `<t>` as user. */
export function tokenOf(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const bearer = /^Bearer\s+(.+)$/i.exec(header);
  if (bearer) return bearer[1].trim();
  const basic = /^Basic\s+(.+)$/i.exec(header);
  if (basic) {
    const decoded = Buffer.from(basic[1], 'base64').toString('utf8');
    return decoded.split(':')[0] || undefined;
  }
  return undefined;
}

/**
 * Whether `tag` may be put on a key by a caller owning `ownTags`: one of them, or a tag
 * whose `tagOwners` entry lists one of them.
 */
export function ownsTag(
  ownTags: string[],
  tag: string,
  tagOwners: Record<string, string[]>,
): boolean {
  if (ownTags.includes(tag)) return true;
  return (tagOwners[tag] ?? []).some(owner => ownTags.includes(owner));
}
