import {
  AuthenticationError,
  ServiceUnavailableError,
} from '@backstage/errors';
import { readErrorMessage } from './errors';

/** Renew a little before expiry so a request never carries a token about to lapse. */
const EXPIRY_MARGIN_MS = 60_000;

/**
 * Fetches OAuth access tokens with the client-credentials grant and reuses one until
 * shortly before it expires (Tailscale's tokens last one hour). Concurrent callers
 * share one token request.
 */
export class OAuthTokenSource {
  #token?: { value: string; expiresAt: number };
  #pending?: Promise<string>;

  constructor(
    private readonly options: {
      apiBase: string;
      clientId: string;
      clientSecret: string;
      scopes?: string[];
      fetch: typeof fetch;
      timeoutMs: number;
      now: () => number;
    },
  ) {}

  async token(): Promise<string> {
    if (
      this.#token &&
      this.#token.expiresAt - EXPIRY_MARGIN_MS > this.options.now()
    ) {
      return this.#token.value;
    }
    this.#pending ??= this.#fetchToken().finally(() => {
      this.#pending = undefined;
    });
    return this.#pending;
  }

  /** Drops the cached token, e.g. after the API answered 401 to it. */
  invalidate(): void {
    this.#token = undefined;
  }

  async #fetchToken(): Promise<string> {
    const form = new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: this.options.clientId,
      client_secret: this.options.clientSecret,
    });
    if (this.options.scopes?.length)
      form.set('scope', this.options.scopes.join(' '));
    let response: Response;
    try {
      response = await this.options.fetch(
        `${this.options.apiBase}/oauth/token`,
        {
          method: 'POST',
          headers: {
            'Content-Type': 'application/x-www-form-urlencoded',
            Accept: 'application/json',
          },
          body: form.toString(),
          signal: AbortSignal.timeout(this.options.timeoutMs),
        },
      );
    } catch (e) {
      throw new ServiceUnavailableError(
        `Could not reach the Tailscale OAuth token endpoint: ${
          (e as Error).message
        }`,
      );
    }
    if (!response.ok) {
      const message = await readErrorMessage(response);
      if (response.status === 400 || response.status === 401) {
        throw new AuthenticationError(
          `Tailscale refused the OAuth client credentials (HTTP ${response.status}: ${message}). Check inferadb.tailscale.oauth.clientId and clientSecret in app-config.`,
        );
      }
      throw new ServiceUnavailableError(
        `Tailscale OAuth token endpoint answered HTTP ${response.status}: ${message}`,
      );
    }
    const body = (await response.json()) as {
      access_token?: string;
      expires_in?: number;
    };
    if (!body.access_token) {
      throw new ServiceUnavailableError(
        'Tailscale OAuth token response had no access_token',
      );
    }
    this.#token = {
      value: body.access_token,
      expiresAt: this.options.now() + (body.expires_in ?? 3600) * 1000,
    };
    return body.access_token;
  }
}
