/**
 * How a source's failure is told. Viewers see the kind of failure (timeout, refused, TLS,
 * HTTP status, unreadable answer), never a URL, host, port or credential: `/clusters`
 * hides exactly those. The backend log gets the whole message, credentials stripped.
 */

import { stripCredentials } from '@inferadb-regions/plugin-inferadb-node';

/** A failure our own code describes, in words safe to show to any viewer. */
export class SourceError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SourceError';
  }
}

const MAX_MESSAGE = 300;

const BACKSTAGE_ERRORS = new Set([
  'AuthenticationError',
  'NotAllowedError',
  'NotFoundError',
  'ConflictError',
  'InputError',
  'ServiceUnavailableError',
  'NotModifiedError',
]);

const TLS_CODES =
  /^(CERT_|UNABLE_TO_|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|ERR_TLS_|ERR_SSL_|HOSTNAME_MISMATCH)/;

const NETWORK_KINDS: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  EPIPE: 'connection reset',
  ENOTFOUND: 'host name not found',
  EAI_AGAIN: 'host name not found',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  ETIMEDOUT: 'connection timed out',
  UND_ERR_CONNECT_TIMEOUT: 'connection timed out',
  UND_ERR_SOCKET: 'connection reset',
};

/** The error and the causes under it (`fetch` wraps the network error in `cause`). */
function chain(error: unknown): any[] {
  const errors: any[] = [];
  for (let e: any = error; e && errors.length < 5; e = e.cause) errors.push(e);
  return errors;
}

/** Status of a `@kubernetes/client-node` ApiException: `HTTP 403 Forbidden`. */
function apiStatus(e: any): string | undefined {
  if (typeof e?.code !== 'number' || !('body' in e)) return undefined;
  let reason = '';
  try {
    const body = typeof e.body === 'string' ? JSON.parse(e.body) : e.body;
    if (typeof body?.reason === 'string' && /^[A-Za-z]+$/.test(body.reason))
      reason = ` ${body.reason}`;
  } catch {
    return `HTTP ${e.code}, answer is not valid JSON`;
  }
  return `HTTP ${e.code}${reason}`;
}

/** What a viewer may see of a source's failure. */
export function viewerMessage(error: unknown): string {
  const errors = chain(error);
  for (const e of errors) {
    if (e instanceof SourceError) return redact(e.message);
    const status = apiStatus(e);
    if (status) return status;
    const code = typeof e?.code === 'string' ? e.code : undefined;
    if (code && TLS_CODES.test(code)) return `TLS failed (${code})`;
    if (code && NETWORK_KINDS[code]) return NETWORK_KINDS[code];
    if (e?.message === 'socket hang up') return 'connection reset';
    if (e instanceof SyntaxError) return 'answer is not valid JSON';
  }
  const first = errors[0];
  // The Tailscale client's errors (`@backstage/errors`) carry the API's own words.
  if (BACKSTAGE_ERRORS.has(first?.name)) return redact(first.message);
  return `failed (${first?.code ?? first?.name ?? 'unknown error'})`;
}

/** The whole failure for the backend log, with every credential stripped. */
export function logMessage(error: unknown): string {
  return stripCredentials(
    chain(error)
      .map(e => (e instanceof Error ? e.message : String(e)))
      .join(': caused by '),
  );
}

/** Removes what a viewer must not see: credentials, URLs, hosts and ports. */
function redact(text: string): string {
  const cut = stripCredentials(text)
    .replace(/\b[a-z][a-z0-9+.-]*:\/\/[^\s"'<>)]+/gi, '<url>')
    .replace(/\[[0-9a-f:]+\](:\d+)?/gi, '<host>')
    .replace(/\b\d{1,3}(\.\d{1,3}){3}(:\d+)?\b/g, '<host>')
    .replace(/\b[a-z0-9-]+(\.[a-z0-9-]+)+:\d+\b/gi, '<host>');
  return cut.length > MAX_MESSAGE ? `${cut.slice(0, MAX_MESSAGE)}...` : cut;
}
