/**
 * Removes credentials from text bound for a log or an error message: URL user info,
 * bearer and basic tokens, Tailscale keys, token parameters.
 *
 * @public
 */
export function stripCredentials(text: string): string {
  return text
    .replace(
      /(\b[a-z][a-z0-9+.-]*:\/\/)[^/\s:@]+(:[^/\s@]*)?@/gi,
      '$1<redacted>@',
    )
    .replace(/(Bearer|Basic)\s+[^\s"',]+/gi, '$1 <redacted>')
    .replace(/tskey-[A-Za-z0-9-]+/g, 'tskey-<redacted>')
    .replace(
      /([?&](?:access_token|token|api_key|apikey|password)=)[^&\s"']+/gi,
      '$1<redacted>',
    );
}
