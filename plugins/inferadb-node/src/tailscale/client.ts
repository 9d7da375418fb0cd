import { ServiceUnavailableError } from '@backstage/errors';
import { backOff } from 'exponential-backoff';
import {
  readErrorMessage,
  TAILSCALE_KEYS_CONSOLE,
  toTailscaleError,
  TailscaleOperation,
} from './errors';
import { OAuthTokenSource } from './oauth';
import { AuthKeySecret } from './secret';
import type {
  CreateAuthKeyRequest,
  CreatedAuthKey,
  TailscaleClient,
  TailscaleCredentials,
  TailscaleDevice,
  TailscaleKey,
} from './types';
import {
  validateExpirySeconds,
  validateKeyDescription,
  validateTags,
} from './validation';

/**
 * Bounds on retrying 429 and 5xx answers.
 *
 * @public
 */
export interface TailscaleRetryOptions {
  /** Attempts in all, including the first (default 4). */
  maxAttempts?: number;
  /** First backoff delay in ms, doubled each retry (default 250). */
  initialDelayMs?: number;
  /** Longest backoff delay in ms (default 5000). */
  maxDelayMs?: number;
  /** A `Retry-After` longer than this (ms, default 60000) fails at once instead of waiting. */
  maxRetryAfterMs?: number;
}

/**
 * Options of {@link createTailscaleClient}.
 *
 * @public
 */
export interface TailscaleClientOptions {
  credentials: TailscaleCredentials;
  /** Default `https://api.tailscale.com`; tests point it at the loopback emulator. */
  baseUrl?: string;
  /** Default `-`: the tailnet of the credentials. */
  tailnet?: string;
  retry?: TailscaleRetryOptions;
  /** Per request (default 10000 ms). */
  timeoutMs?: number;
  /** Told about each retry (status and wait only, never a body or a key). */
  logger?: { warn(message: string): void };
  fetch?: typeof fetch;
  now?: () => number;
  /** Waits out a Retry-After (default: a timer). */
  sleep?: (ms: number) => Promise<void>;
}

/** An answer worth retrying: 429, a 5xx, or a network failure of an idempotent call. */
class RetryableResponse extends Error {
  constructor(
    readonly status: number,
    readonly apiMessage: string,
    readonly retryAfterMs?: number,
  ) {
    super(`HTTP ${status}`);
  }
}

/**
 * `Retry-After` is either delay-seconds or an HTTP date.
 *
 * @public
 */
export function parseRetryAfter(
  value: string | null,
  now: number,
): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

const sleep = (ms: number) =>
  new Promise<void>(resolve => setTimeout(resolve, ms));

function toDevice(raw: any): TailscaleDevice {
  return {
    id: String(raw.id ?? ''),
    nodeId: String(raw.nodeId ?? raw.id ?? ''),
    name: String(raw.name ?? ''),
    hostname: String(raw.hostname ?? ''),
    addresses: Array.isArray(raw.addresses) ? raw.addresses.map(String) : [],
    tags: Array.isArray(raw.tags) ? raw.tags.map(String) : [],
    os: raw.os,
    clientVersion: raw.clientVersion,
    created: raw.created || undefined,
    lastSeen: raw.lastSeen || undefined,
    connectedToControl:
      typeof raw.connectedToControl === 'boolean'
        ? raw.connectedToControl
        : undefined,
    expires: raw.expires || undefined,
    keyExpiryDisabled: raw.keyExpiryDisabled,
    authorized: raw.authorized === true,
    updateAvailable: raw.updateAvailable,
  };
}

function toKey(raw: any): TailscaleKey {
  return {
    id: String(raw.id),
    created: raw.created,
    expires: raw.expires,
    revoked: raw.revoked,
    invalid: raw.invalid === true,
    description: raw.description,
    capabilities: raw.capabilities,
  };
}

/** What to check before trying a call again that may have taken effect. */
function processedHint(op: TailscaleOperation): string {
  return `Check the tailnet's keys before trying again (${TAILSCALE_KEYS_CONSOLE})${
    op.ifProcessed ? `: ${op.ifProcessed}` : ''
  }.`;
}

/** The Tailscale API v2 client over `fetch`. */
class FetchTailscaleClient implements TailscaleClient {
  readonly tailnet: string;
  readonly authType: TailscaleCredentials['type'];
  readonly #apiBase: string;
  readonly #fetch: typeof fetch;
  readonly #now: () => number;
  readonly #sleep: (ms: number) => Promise<void>;
  readonly #timeoutMs: number;
  readonly #retry: Required<TailscaleRetryOptions>;
  readonly #oauth?: OAuthTokenSource;
  readonly #apiKey?: string;
  readonly #logger?: { warn(message: string): void };

  constructor(options: TailscaleClientOptions) {
    this.tailnet = options.tailnet ?? '-';
    this.authType = options.credentials.type;
    this.#apiBase = `${(options.baseUrl ?? 'https://api.tailscale.com').replace(
      /\/+$/,
      '',
    )}/api/v2`;
    this.#fetch = options.fetch ?? globalThis.fetch;
    this.#now = options.now ?? Date.now;
    this.#sleep = options.sleep ?? sleep;
    this.#timeoutMs = options.timeoutMs ?? 10_000;
    this.#retry = {
      maxAttempts: options.retry?.maxAttempts ?? 4,
      initialDelayMs: options.retry?.initialDelayMs ?? 250,
      maxDelayMs: options.retry?.maxDelayMs ?? 5_000,
      maxRetryAfterMs: options.retry?.maxRetryAfterMs ?? 60_000,
    };
    this.#logger = options.logger;
    if (options.credentials.type === 'oauth') {
      this.#oauth = new OAuthTokenSource({
        apiBase: this.#apiBase,
        clientId: options.credentials.clientId,
        clientSecret: options.credentials.clientSecret,
        scopes: options.credentials.scopes,
        fetch: this.#fetch,
        timeoutMs: this.#timeoutMs,
        now: this.#now,
      });
    } else {
      this.#apiKey = options.credentials.apiKey;
    }
  }

  async createAuthKey(request: CreateAuthKeyRequest): Promise<CreatedAuthKey> {
    validateTags(request.tags);
    validateExpirySeconds(request.expirySeconds);
    if (request.description !== undefined)
      validateKeyDescription(request.description);
    const tags = [...request.tags];
    const raw = await this.#request<any>(
      {
        what: 'create an auth key',
        scope: 'auth_keys',
        tags,
        ifProcessed: `revoke any new key tagged ${tags.join(', ')}${
          request.description ? ` described "${request.description}"` : ''
        } that no Secret holds`,
      },
      'POST',
      this.#tailnetPath('keys'),
      {
        capabilities: {
          devices: {
            create: {
              reusable: request.reusable ?? true,
              ephemeral: request.ephemeral ?? false,
              preauthorized: request.preauthorized ?? true,
              tags,
            },
          },
        },
        expirySeconds: request.expirySeconds,
        ...(request.description !== undefined && {
          description: request.description,
        }),
      },
    );
    if (typeof raw?.key !== 'string' || !raw.id) {
      throw new ServiceUnavailableError(
        'Tailscale answered the key creation without an id or key value',
      );
    }
    const { key, ...rest } = raw;
    return { ...toKey(rest), secret: new AuthKeySecret(key) };
  }

  async getKey(keyId: string): Promise<TailscaleKey> {
    const raw = await this.#request<any>(
      { what: `read auth key ${keyId}`, scope: 'auth_keys:read' },
      'GET',
      this.#tailnetPath(`keys/${encodeURIComponent(keyId)}`),
    );
    return toKey(raw);
  }

  async listKeys(): Promise<Array<{ id: string }>> {
    const raw = await this.#request<any>(
      { what: 'list auth keys', scope: 'auth_keys:read' },
      'GET',
      this.#tailnetPath('keys'),
    );
    return (raw?.keys ?? []).map((k: any) => ({ id: String(k.id) }));
  }

  async revokeKey(keyId: string): Promise<void> {
    try {
      await this.#request(
        { what: `revoke auth key ${keyId}`, scope: 'auth_keys' },
        'DELETE',
        this.#tailnetPath(`keys/${encodeURIComponent(keyId)}`),
      );
    } catch (e) {
      // already gone is what we wanted
      if ((e as Error).name === 'NotFoundError') return;
      throw e;
    }
  }

  async listDevices(options?: { tags?: string[] }): Promise<TailscaleDevice[]> {
    const raw = await this.#request<any>(
      { what: 'list devices', scope: 'devices:core:read' },
      'GET',
      `${this.#tailnetPath('devices')}?fields=all`,
    );
    const list: any[] = Array.isArray(raw) ? raw : raw?.devices ?? [];
    const devices = list.map(toDevice);
    const wanted = options?.tags;
    if (!wanted?.length) return devices;
    return devices.filter(d => d.tags.some(t => wanted.includes(t)));
  }

  #tailnetPath(rest: string): string {
    return `/tailnet/${encodeURIComponent(this.tailnet)}/${rest}`;
  }

  async #authorization(): Promise<string> {
    return `Bearer ${this.#oauth ? await this.#oauth.token() : this.#apiKey}`;
  }

  /**
   * One API call with bounded retries. 429 is always retried (the request was not
   * processed); 5xx and network errors only for GET and DELETE, since a failed POST may
   * still have created a key and a retry would then make a second one.
   */
  async #request<T>(
    op: TailscaleOperation,
    method: 'GET' | 'POST' | 'DELETE',
    path: string,
    body?: unknown,
  ): Promise<T> {
    const idempotent = method !== 'POST';
    let refreshedToken = false;
    let attempts = 0;

    const attempt = async (): Promise<T> => {
      attempts++;
      // OAuth token failures carry their own clear error and are not retried here
      const authorization = await this.#authorization();
      let response: Response;
      try {
        response = await this.#fetch(`${this.#apiBase}${path}`, {
          method,
          headers: {
            Authorization: authorization,
            Accept: 'application/json',
            ...(body !== undefined && { 'Content-Type': 'application/json' }),
          },
          body: body === undefined ? undefined : JSON.stringify(body),
          signal: AbortSignal.timeout(this.#timeoutMs),
        });
      } catch (e) {
        const reason =
          (e as Error).name === 'TimeoutError'
            ? 'timed out'
            : (e as Error).message;
        if (idempotent) throw new RetryableResponse(0, reason);
        throw new ServiceUnavailableError(
          `Tailscale API did not answer the request to ${
            op.what
          } (${reason}); it was not retried because the request may have been processed. ${processedHint(
            op,
          )}`,
        );
      }
      if (response.ok) {
        const text = await response.text();
        try {
          return (text ? JSON.parse(text) : undefined) as T;
        } catch {
          throw new ServiceUnavailableError(
            `Tailscale API answered the request to ${op.what} with HTTP ${
              response.status
            } but a body that is not valid JSON (${
              text.length
            } bytes, cut off?)${idempotent ? '' : `. ${processedHint(op)}`}`,
          );
        }
      }
      const message = await readErrorMessage(response);
      if (response.status === 401 && this.#oauth && !refreshedToken) {
        // a cached OAuth token may have been revoked: fetch a fresh one, once
        refreshedToken = true;
        this.#oauth.invalidate();
        return attempt();
      }
      if (response.status === 429 || (idempotent && response.status >= 500)) {
        throw new RetryableResponse(
          response.status,
          message,
          parseRetryAfter(response.headers.get('retry-after'), this.#now()),
        );
      }
      const error = toTailscaleError(
        op,
        response.status,
        message,
        this.authType,
      );
      if (response.status >= 500) {
        error.message += ` Not retried: Tailscale may have made the key anyway. ${processedHint(
          op,
        )}`;
      }
      throw error;
    };

    try {
      return await backOff(attempt, {
        numOfAttempts: this.#retry.maxAttempts,
        startingDelay: this.#retry.initialDelayMs,
        maxDelay: this.#retry.maxDelayMs,
        jitter: 'full',
        retry: async (e: unknown, next: number) => {
          if (!(e instanceof RetryableResponse)) return false;
          if (
            e.retryAfterMs !== undefined &&
            e.retryAfterMs > this.#retry.maxRetryAfterMs
          ) {
            return false;
          }
          this.#logger?.warn(
            `Tailscale API answered ${
              e.status || e.apiMessage
            } to the request to ${op.what}; retrying (attempt ${next} of ${
              this.#retry.maxAttempts
            })${
              e.retryAfterMs !== undefined
                ? ` after Retry-After ${Math.ceil(e.retryAfterMs / 1000)}s`
                : ''
            }`,
          );
          if (e.retryAfterMs) await this.#sleep(e.retryAfterMs);
          return true;
        },
      });
    } catch (e) {
      if (e instanceof RetryableResponse) {
        if (e.status === 0) {
          throw new ServiceUnavailableError(
            `Tailscale API could not be reached to ${op.what} (${e.apiMessage}) after ${attempts} attempt(s)`,
          );
        }
        const error = toTailscaleError(
          op,
          e.status,
          e.apiMessage,
          this.authType,
        );
        error.message += ` (${attempts} attempt(s)${
          e.retryAfterMs !== undefined
            ? `, last Retry-After ${Math.ceil(e.retryAfterMs / 1000)}s`
            : ''
        })`;
        throw error;
      }
      throw e;
    }
  }
}

/**
 * Creates a Tailscale API v2 client.
 *
 * @public
 */
export function createTailscaleClient(
  options: TailscaleClientOptions,
): TailscaleClient {
  return new FetchTailscaleClient(options);
}
