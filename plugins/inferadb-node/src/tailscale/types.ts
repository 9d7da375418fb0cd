import type { AuthKeySecret } from './secret';

/**
 * How the client authenticates to the Tailscale API. Always read from app-config.
 *
 * @public
 */
export type TailscaleCredentials =
  | { type: 'apiKey'; apiKey: string }
  | {
      type: 'oauth';
      clientId: string;
      clientSecret: string;
      /** Scopes to request; omitted means every scope the OAuth client was granted. */
      scopes?: string[];
    };

/**
 * What a new auth key may do.
 *
 * @public
 */
export interface AuthKeyCapabilities {
  reusable: boolean;
  ephemeral: boolean;
  preauthorized: boolean;
  tags: string[];
}

/**
 * A request for a new auth key.
 *
 * @public
 */
export interface CreateAuthKeyRequest {
  tags: string[];
  expirySeconds: number;
  /** At most 50 characters: letters, digits, spaces, hyphens, underscores. */
  description?: string;
  /** Default true: one key serves every pod of a region's cluster. */
  reusable?: boolean;
  /** Default false: the region's pods are long-lived machines. */
  ephemeral?: boolean;
  /** Default true: devices join without an admin's approval. */
  preauthorized?: boolean;
}

/**
 * A key as `GET /tailnet/{t}/keys/{id}` describes it (never the key value).
 *
 * @public
 */
export interface TailscaleKey {
  id: string;
  created: string;
  expires?: string;
  revoked?: string;
  /** True once the key has been revoked or has expired. */
  invalid: boolean;
  description?: string;
  capabilities?: { devices?: { create?: Partial<AuthKeyCapabilities> } };
}

/**
 * A newly created auth key. The key value is wrapped so that logging or serialising
 * this object never prints it; call `secret.reveal()` only where it is written to a
 * Kubernetes Secret.
 *
 * @public
 */
export interface CreatedAuthKey extends TailscaleKey {
  secret: AuthKeySecret;
}

/**
 * A device of the tailnet, with the fields the health checks read.
 *
 * @public
 */
export interface TailscaleDevice {
  id: string;
  nodeId: string;
  name: string;
  hostname: string;
  addresses: string[];
  tags: string[];
  os?: string;
  clientVersion?: string;
  created?: string;
  lastSeen?: string;
  /** Present on newer API versions; absent means unknown. */
  connectedToControl?: boolean;
  expires?: string;
  keyExpiryDisabled?: boolean;
  authorized: boolean;
  updateAvailable?: boolean;
}

/**
 * The Tailscale API v2 operations the InferaDB plugins use. Inject your own
 * implementation (or one pointed at the loopback emulator) through the factories.
 *
 * @public
 */
export interface TailscaleClient {
  /** The tailnet this client addresses (`-` = the credentials' own). */
  readonly tailnet: string;
  /** Whether the client uses an OAuth client (keys then must carry tags it owns). */
  readonly authType: TailscaleCredentials['type'];
  createAuthKey(request: CreateAuthKeyRequest): Promise<CreatedAuthKey>;
  getKey(keyId: string): Promise<TailscaleKey>;
  /** Ids of the active keys visible to the credentials. */
  listKeys(): Promise<Array<{ id: string }>>;
  /** Revokes a key; revoking an already revoked or unknown key is not an error. */
  revokeKey(keyId: string): Promise<void>;
  /**
   * Devices with `fields=all`; with `tags`, only devices carrying at least one of them
   * (filtered here, as the API has no documented tag filter).
   */
  listDevices(options?: { tags?: string[] }): Promise<TailscaleDevice[]>;
}
