/**
 * How a source's failure is told. Viewers see the kind of failure (timeout, refused, TLS,
 * HTTP status, unreadable answer), never a URL, host, port or credential: `/clusters`
 * hides exactly those. The backend log gets the whole message, credentials stripped.
 */

import { SourceFailure } from '@inferadb-regions/plugin-inferadb-common';
import { stripCredentials } from '@inferadb-regions/plugin-inferadb-node';

/** A failure our own code describes, in words safe to show to any viewer. */
export class SourceError extends Error {
  constructor(message: string, readonly failure: SourceFailure = 'other') {
    super(message);
    this.name = 'SourceError';
  }
}

/** The kind of failure an HTTP status means. */
export function failureOfStatus(status: number): SourceFailure {
  if (status === 401 || status === 403) return 'credentials';
  if (status === 429 || status >= 500) return 'server-error';
  return 'other';
}

/** What a viewer may see of a source's failure, and its kind. */
export interface ViewerFailure {
  error: string;
  failure: SourceFailure;
}

const MAX_MESSAGE = 300;

/** Backstage's errors (the Tailscale client's), by the kind of failure each name means. */
const BACKSTAGE_ERRORS: Record<string, SourceFailure> = {
  AuthenticationError: 'credentials',
  NotAllowedError: 'credentials',
  NotFoundError: 'other',
  ConflictError: 'other',
  InputError: 'other',
  // Unanswered, rate limited, 5xx or a cut-off answer: the service or the way to it.
  ServiceUnavailableError: 'server-error',
  NotModifiedError: 'other',
};

const TLS_CODES =
  /^(CERT_|UNABLE_TO_|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|ERR_TLS_|ERR_SSL_|HOSTNAME_MISMATCH)/;

/** Node's network error codes, in words. */
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
function apiStatus(e: any): ViewerFailure | undefined {
  if (typeof e?.code !== 'number' || !('body' in e)) return undefined;
  let reason = '';
  try {
    const body = typeof e.body === 'string' ? JSON.parse(e.body) : e.body;
    if (typeof body?.reason === 'string' && /^[A-Za-z]+$/.test(body.reason))
      reason = ` ${body.reason}`;
  } catch {
    return {
      error: `HTTP ${e.code}, answer is not valid JSON`,
      failure: e.code < 400 ? 'bad-answer' : failureOfStatus(e.code),
    };
  }
  return { error: `HTTP ${e.code}${reason}`, failure: failureOfStatus(e.code) };
}

/** What a viewer may see of a source's failure, and its kind. */
export function viewerFailure(error: unknown): ViewerFailure {
  const errors = chain(error);
  for (const e of errors) {
    if (e instanceof SourceError)
      return { error: redact(e.message), failure: e.failure };
    const status = apiStatus(e);
    if (status) return status;
    const code = typeof e?.code === 'string' ? e.code : undefined;
    if (code && TLS_CODES.test(code))
      return { error: `TLS failed (${code})`, failure: 'tls' };
    if (code && NETWORK_KINDS[code])
      return { error: NETWORK_KINDS[code], failure: 'network' };
    if (e?.message === 'socket hang up')
      return { error: 'connection reset', failure: 'network' };
    if (e instanceof SyntaxError)
      return { error: 'answer is not valid JSON', failure: 'bad-answer' };
  }
  const first = errors[0];
  // The Tailscale client's errors (`@backstage/errors`) carry the API's own words.
  const kind = BACKSTAGE_ERRORS[first?.name];
  if (kind) return { error: redact(first.message), failure: kind };
  return {
    error: `failed (${first?.code ?? first?.name ?? 'unknown error'})`,
    failure: 'other',
  };
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
