import type { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { createTailscaleClient, TailscaleClientOptions } from './client';
import type { TailscaleClient, TailscaleCredentials } from './types';

/**
 * `inferadb.tailscale` as read from app-config.
 *
 * @public
 */
export interface TailscaleSettings {
  tailnet: string;
  baseUrl: string;
  credentials: TailscaleCredentials;
}

/**
 * Reads `inferadb.tailscale`: the tailnet, the API base URL and either `apiKey` or
 * `oauth.{clientId, clientSecret}`. Credentials come only from here, never from a form.
 *
 * @public
 */
export function readTailscaleSettings(config: Config): TailscaleSettings {
  const ts = config.getOptionalConfig('inferadb.tailscale');
  if (!ts) {
    throw new InputError(
      'inferadb.tailscale is not configured: add inferadb.tailscale.apiKey (or inferadb.tailscale.oauth.clientId and clientSecret) to app-config',
    );
  }
  const apiKey = ts.getOptionalString('apiKey');
  const oauth = ts.getOptionalConfig('oauth');
  if (apiKey && oauth) {
    throw new InputError(
      'inferadb.tailscale has both apiKey and oauth: keep one of them',
    );
  }
  let credentials: TailscaleCredentials;
  if (apiKey) {
    credentials = { type: 'apiKey', apiKey };
  } else if (oauth) {
    credentials = {
      type: 'oauth',
      clientId: oauth.getString('clientId'),
      clientSecret: oauth.getString('clientSecret'),
      scopes: oauth.getOptionalStringArray('scopes'),
    };
  } else {
    throw new InputError(
      'inferadb.tailscale needs credentials: set apiKey, or oauth.clientId and oauth.clientSecret',
    );
  }
  return {
    tailnet: ts.getOptionalString('tailnet') ?? '-',
    baseUrl: ts.getOptionalString('baseUrl') ?? 'https://api.tailscale.com',
    credentials,
  };
}

/**
 * Builds a {@link TailscaleClient}; inject one to point the plugins elsewhere.
 *
 * @public
 */
export type TailscaleClientFactory = (options: {
  config: Config;
  logger?: { warn(message: string): void };
}) => TailscaleClient;

/**
 * The default factory: a fetch client configured from `inferadb.tailscale`.
 *
 * @public
 */
export function tailscaleClientFromConfig(
  config: Config,
  overrides?: Partial<Omit<TailscaleClientOptions, 'credentials'>>,
): TailscaleClient {
  const settings = readTailscaleSettings(config);
  return createTailscaleClient({
    baseUrl: settings.baseUrl,
    tailnet: settings.tailnet,
    credentials: settings.credentials,
    ...overrides,
  });
}

/**
 * The factory used when none is injected.
 *
 * @public
 */
export const defaultTailscaleClientFactory: TailscaleClientFactory = ({
  config,
  logger,
}) => tailscaleClientFromConfig(config, { logger });
