import express, { NextFunction, Request, Response } from 'express';
import { createServer } from 'node:http';
import { AddressInfo } from 'node:net';
import {
  Caller,
  EmulatedOAuthClient,
  ownsTag,
  randomSuffix,
  sameSecret,
  SCOPES,
  tokenOf,
} from './credentials';
import { TailscaleFault, TailscaleFaults } from './faults';
import {
  defaultFields,
  EmulatedDevice,
  iso,
  newDevice,
  newKeyId,
  StoredKey,
} from './state';

export interface TailscaleEmulatorOptions {
  /** The organisation name that may stand for `-` in paths; default `example.com`. */
  tailnet?: string;
  /** API access token accepted as the admin's; random `tskey-api-…` when omitted. */
  apiKey?: string;
  /** The default OAuth client; scopes `auth_keys` and `devices:core:read`, tags `tag:inferadb` when omitted. */
  oauthClient?: Partial<EmulatedOAuthClient>;
  /** The policy file's `tagOwners`: which tags own which (an OAuth client owning `tag:inferadb` may use tags it owns). */
  tagOwners?: Record<string, string[]>;
  /** Lifetime of OAuth access tokens; Tailscale issues one-hour tokens. */
  tokenLifetimeSeconds?: number;
  /** A clock for expiry; default `Date.now`. */
  now?: () => number;
}

/** One request the emulator answered, for counting calls (never the headers or body). */
export interface TailscaleRecordedRequest {
  method: string;
  /** Path after `/api/v2`. */
  path: string;
  /** The query string without `?`, e.g. `fields=all`. */
  query: string;
  status: number;
  /** Which credential kind the request carried. */
  auth: 'apiKey' | 'oauth' | 'none' | 'invalid';
  time: number;
}

export interface TailscaleEmulator {
  /** `http://127.0.0.1:<port>`: the `baseUrl` (the API lives under `/api/v2`). */
  readonly url: string;
  readonly tailnet: string;
  readonly apiKey: string;
  readonly oauthClient: EmulatedOAuthClient;
  readonly requests: TailscaleRecordedRequest[];
  /** OAuth access tokens issued so far. */
  tokensIssued(): number;
  /** Adds another OAuth client (e.g. one owning other tags or lacking a scope). */
  addOAuthClient(client: Partial<EmulatedOAuthClient>): EmulatedOAuthClient;
  setTagOwners(tagOwners: Record<string, string[]>): void;
  /** Every key ever created, revoked ones included (copies, with their values). */
  keys(): StoredKey[];
  key(id: string): StoredKey | undefined;
  /**
   * Adds a key as an admin would in the console (owned by the emulator's API access
   * token unless told otherwise), e.g. one an app-config names by id.
   */
  addKey(init: Omit<NewKey, 'owner'> & { owner?: string }): StoredKey;
  /** Moves a key's expiry to now, as time passing would. */
  expireKey(id: string): void;
  /** Makes every issued OAuth token expire, as an hour passing would. */
  expireAccessTokens(): void;
  addDevice(
    init: Partial<EmulatedDevice> & { hostname: string },
  ): EmulatedDevice;
  devices(): EmulatedDevice[];
  /** Changes a device as its client would (e.g. `connectedToControl` when it goes offline). */
  updateDevice(
    nodeId: string,
    changes: Partial<EmulatedDevice>,
  ): EmulatedDevice;
  removeDevice(nodeId: string): boolean;
  /**
   * What `tailscale up --auth-key=…` does: registers a device with a key's tags.
   * Throws when the key is unknown, revoked, expired or single-use and used.
   */
  joinWithAuthKey(authKey: string, hostname: string): EmulatedDevice;
  addFault(fault: TailscaleFault): number;
  removeFault(id: number): boolean;
  clearFaults(): void;
  close(): Promise<void>;
}

/** A key to store: its capabilities, lifetime and owner (`tailnet` or an API token). */
export interface NewKey {
  id?: string;
  tags: string[];
  expirySeconds: number;
  description?: string;
  reusable?: boolean;
  ephemeral?: boolean;
  preauthorized?: boolean;
  owner: string;
}

class ApiError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

const DESCRIPTION = /^[A-Za-z0-9 _-]*$/;
const TAG = /^tag:[A-Za-z][A-Za-z0-9-]*$/;
const DEFAULT_EXPIRY_SECONDS = 90 * 86400;

/** Starts a loopback emulator of the Tailscale API v2 (keys, devices, OAuth tokens). */
export async function startTailscaleEmulator(
  options: TailscaleEmulatorOptions = {},
): Promise<TailscaleEmulator> {
  const now = options.now ?? Date.now;
  const tailnetName = options.tailnet ?? 'example.com';
  const tailnetDomain = 'tail1234.ts.net';
  const apiKey =
    options.apiKey ?? `tskey-api-k${randomSuffix(5)}CNTRL-${randomSuffix(16)}`;
  const lifetimeMs = (options.tokenLifetimeSeconds ?? 3600) * 1000;
  let tagOwners: Record<string, string[]> = { ...(options.tagOwners ?? {}) };
  const oauthClients: EmulatedOAuthClient[] = [];
  const tokens = new Map<
    string,
    { client: EmulatedOAuthClient; scopes: string[]; expiresAt: number }
  >();
  let issued = 0;
  const keys = new Map<string, StoredKey>();
  const devices = new Map<string, EmulatedDevice>();
  const faults = new TailscaleFaults();
  const requests: TailscaleRecordedRequest[] = [];
  const timers = new Set<NodeJS.Timeout>();
  let closed = false;

  const addOAuthClient = (client: Partial<EmulatedOAuthClient>) => {
    const full: EmulatedOAuthClient = {
      clientId: client.clientId ?? `k${randomSuffix(5)}CNTRL`,
      clientSecret:
        client.clientSecret ??
        `tskey-client-k${randomSuffix(5)}CNTRL-${randomSuffix(16)}`,
      scopes: client.scopes ?? ['auth_keys', 'devices:core:read'],
      tags: client.tags ?? ['tag:inferadb'],
    };
    oauthClients.push(full);
    return full;
  };
  const oauthClient = addOAuthClient(options.oauthClient ?? {});

  const isActive = (k: StoredKey) =>
    !k.revoked && Date.parse(k.expires) > now();

  const callerOf = (req: Request): Caller | undefined => {
    const token = tokenOf(req.headers.authorization);
    if (!token) return undefined;
    if (sameSecret(token, apiKey)) return { type: 'apiKey', apiKey };
    const entry = tokens.get(token);
    if (entry && entry.expiresAt > now()) {
      return { type: 'oauth', client: entry.client, scopes: entry.scopes };
    }
    return undefined;
  };

  const requireCaller = (req: Request, scopes: string[]): Caller => {
    const caller = callerOf(req);
    if (!caller) throw new ApiError(401, 'API token invalid');
    if (
      caller.type === 'oauth' &&
      !caller.scopes.some(s => scopes.includes(s))
    ) {
      throw new ApiError(
        403,
        'calling actor does not have enough permissions to perform this function',
      );
    }
    return caller;
  };

  const checkTailnet = (req: Request) => {
    const t = req.params.tailnet;
    if (t !== '-' && t !== tailnetName)
      throw new ApiError(404, 'tailnet not found');
  };

  /** Keys the caller may see: tailnet-owned for OAuth tokens, its own for API tokens. */
  const visible = (caller: Caller, k: StoredKey) =>
    caller.type === 'oauth' ? k.owner === 'tailnet' : k.owner === caller.apiKey;

  const storeKey = (init: NewKey): StoredKey => {
    const id = init.id ?? newKeyId();
    const created = now();
    const stored: StoredKey = {
      id,
      key: `tskey-auth-${id}-${randomSuffix(16)}`,
      created: iso(created),
      expires: iso(created + init.expirySeconds * 1000),
      description: init.description,
      capabilities: {
        devices: {
          create: {
            reusable: init.reusable ?? false,
            ephemeral: init.ephemeral ?? false,
            preauthorized: init.preauthorized ?? false,
            tags: init.tags,
          },
        },
      },
      owner: init.owner,
      uses: 0,
    };
    keys.set(id, stored);
    return stored;
  };

  const keyView = (k: StoredKey) =>
    isActive(k)
      ? {
          id: k.id,
          created: k.created,
          expires: k.expires,
          capabilities: k.capabilities,
          ...(k.description !== undefined && { description: k.description }),
        }
      : {
          id: k.id,
          created: k.created,
          expires: k.expires,
          ...(k.revoked && { revoked: k.revoked }),
          invalid: true,
        };

  const app = express();
  app.disable('x-powered-by');
  app.disable('etag');

  // record every answer, and let armed faults answer first
  app.use((req: Request, res: Response, next: NextFunction) => {
    const path = req.path.replace(/^\/api\/v2/, '');
    const token = tokenOf(req.headers.authorization);
    let auth: TailscaleRecordedRequest['auth'] = 'none';
    if (token) {
      if (sameSecret(token, apiKey)) auth = 'apiKey';
      else auth = tokens.has(token) ? 'oauth' : 'invalid';
    }
    res.on('finish', () =>
      requests.push({
        method: req.method,
        path,
        query: req.originalUrl.split('?')[1] ?? '',
        status: res.statusCode,
        auth,
        time: Date.now(),
      }),
    );
    const fault = faults.match(req.method, path);
    if (!fault) {
      next();
      return;
    }
    if (fault.hang) return; // close() drops the connection
    const timer = setTimeout(() => {
      timers.delete(timer);
      if (closed) return;
      if (fault.status === undefined) {
        if (fault.truncated) {
          res.json = (body: unknown) => {
            const text = JSON.stringify(body);
            return res
              .type('application/json')
              .send(text.slice(0, Math.floor(text.length / 2)));
          };
        }
        next();
        return;
      }
      if (fault.retryAfter !== undefined)
        res.setHeader('Retry-After', String(fault.retryAfter));
      res.status(fault.status).json({
        message: fault.message ?? `injected fault: HTTP ${fault.status}`,
      });
    }, fault.delayMs ?? 0);
    timers.add(timer);
  });

  const api = express.Router();
  api.use(express.json({ limit: '1mb' }));
  api.use(express.urlencoded({ extended: false }));

  api.post('/oauth/token', (req, res) => {
    let { client_id: id, client_secret: secret } = req.body ?? {};
    const basic = /^Basic\s+(.+)$/i.exec(req.headers.authorization ?? '');
    if (basic) {
      [id, secret] = Buffer.from(basic[1], 'base64')
        .toString('utf8')
        .split(':');
    }
    if (req.body?.grant_type !== 'client_credentials') {
      res.status(400).json({ error: 'unsupported_grant_type' });
      return;
    }
    const client = oauthClients.find(
      c =>
        c.clientId === id &&
        typeof secret === 'string' &&
        sameSecret(secret, c.clientSecret),
    );
    if (!client) {
      res.status(401).json({
        error: 'invalid_client',
        error_description: 'invalid client credentials',
      });
      return;
    }
    const asked =
      typeof req.body.scope === 'string' && req.body.scope.trim()
        ? String(req.body.scope).split(/\s+/)
        : client.scopes;
    const refused = asked.filter(s => !client.scopes.includes(s));
    if (refused.length) {
      res.status(400).json({
        error: 'invalid_scope',
        error_description: `scopes not granted to this client: ${refused.join(
          ' ',
        )}`,
      });
      return;
    }
    const token = `tskey-api-k${randomSuffix(5)}CNTRL-${randomSuffix(16)}`;
    tokens.set(token, { client, scopes: asked, expiresAt: now() + lifetimeMs });
    issued++;
    res.json({
      access_token: token,
      token_type: 'Bearer',
      expires_in: Math.round(lifetimeMs / 1000),
      scope: asked.join(' '),
    });
  });

  api.get('/tailnet/:tailnet/keys', (req, res) => {
    const caller = requireCaller(req, SCOPES.keysRead);
    checkTailnet(req);
    res.json({
      keys: [...keys.values()]
        .filter(k => isActive(k) && visible(caller, k))
        .map(k => ({ id: k.id })),
    });
  });

  api.post('/tailnet/:tailnet/keys', (req, res) => {
    const caller = requireCaller(req, SCOPES.keysWrite);
    checkTailnet(req);
    const body = req.body ?? {};
    const devicesCap = body.capabilities?.devices;
    if (!devicesCap || typeof devicesCap !== 'object') {
      throw new ApiError(400, 'capabilities.devices is required');
    }
    const create = devicesCap.create ?? {};
    const tags: string[] = Array.isArray(create.tags) ? create.tags : [];
    const badTag = tags.find(t => typeof t !== 'string' || !TAG.test(t));
    if (badTag !== undefined)
      throw new ApiError(400, `invalid tag "${badTag}"`);
    if (caller.type === 'oauth') {
      if (tags.length === 0) {
        throw new ApiError(
          400,
          'auth keys created by an OAuth client must have tags',
        );
      }
      const refused = tags.filter(
        t => !ownsTag(caller.client.tags, t, tagOwners),
      );
      if (refused.length) {
        throw new ApiError(
          400,
          `requested tags [${refused.join(', ')}] are invalid or not permitted`,
        );
      }
    } else {
      const undefinedTags = Object.keys(tagOwners).length
        ? tags.filter(t => !(t in tagOwners))
        : [];
      if (undefinedTags.length) {
        throw new ApiError(
          400,
          `requested tags [${undefinedTags.join(
            ', ',
          )}] are invalid or not permitted`,
        );
      }
    }
    if (body.description !== undefined) {
      if (
        typeof body.description !== 'string' ||
        body.description.length > 50 ||
        !DESCRIPTION.test(body.description)
      ) {
        throw new ApiError(
          400,
          'description must be at most 50 characters: letters, digits, spaces, hyphens and underscores',
        );
      }
    }
    const expirySeconds = body.expirySeconds ?? DEFAULT_EXPIRY_SECONDS;
    if (
      !Number.isInteger(expirySeconds) ||
      expirySeconds <= 0 ||
      expirySeconds > DEFAULT_EXPIRY_SECONDS
    ) {
      throw new ApiError(400, 'expirySeconds must be between 1 and 7776000');
    }
    const stored = storeKey({
      expirySeconds,
      description: body.description,
      reusable: create.reusable === true,
      ephemeral: create.ephemeral === true,
      preauthorized: create.preauthorized === true,
      tags,
      owner: caller.type === 'oauth' ? 'tailnet' : caller.apiKey,
    });
    res.json({ ...keyView(stored), key: stored.key });
  });

  api.get('/tailnet/:tailnet/keys/:keyId', (req, res) => {
    const caller = requireCaller(req, SCOPES.keysRead);
    checkTailnet(req);
    const k = keys.get(req.params.keyId);
    if (!k || !visible(caller, k)) throw new ApiError(404, 'key not found');
    res.json(keyView(k));
  });

  api.delete('/tailnet/:tailnet/keys/:keyId', (req, res) => {
    const caller = requireCaller(req, SCOPES.keysWrite);
    checkTailnet(req);
    const k = keys.get(req.params.keyId);
    if (!k || !visible(caller, k) || k.revoked)
      throw new ApiError(404, 'key not found');
    k.revoked = iso(now());
    res.status(200).end();
  });

  api.get('/tailnet/:tailnet/devices', (req, res) => {
    requireCaller(req, SCOPES.devicesRead);
    checkTailnet(req);
    const all = req.query.fields === 'all';
    const list = [...devices.values()].map(d => (all ? d : defaultFields(d)));
    res.json({ devices: list });
  });

  api.get('/device/:deviceId', (req, res) => {
    requireCaller(req, SCOPES.devicesRead);
    const d = [...devices.values()].find(
      x => x.nodeId === req.params.deviceId || x.id === req.params.deviceId,
    );
    if (!d) throw new ApiError(404, 'device not found');
    res.json(req.query.fields === 'all' ? d : defaultFields(d));
  });

  app.use('/api/v2', api);
  app.use((_req: Request, res: Response) => {
    res.status(404).json({ message: 'not found' });
  });
  app.use(
    (error: unknown, _req: Request, res: Response, _next: NextFunction) => {
      if (error instanceof ApiError) {
        res.status(error.status).json({ message: error.message });
      } else if ((error as { type?: string })?.type === 'entity.parse.failed') {
        res.status(400).json({ message: 'invalid JSON body' });
      } else {
        res.status(500).json({ message: String(error) });
      }
    },
  );

  const server = createServer(app);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url,
    tailnet: tailnetName,
    apiKey,
    oauthClient,
    requests,
    tokensIssued: () => issued,
    addOAuthClient,
    setTagOwners(next) {
      tagOwners = { ...next };
    },
    keys: () => [...keys.values()].map(k => structuredClone(k)),
    key: id => {
      const k = keys.get(id);
      return k && structuredClone(k);
    },
    addKey: init =>
      structuredClone(storeKey({ ...init, owner: init.owner ?? apiKey })),
    expireKey(id) {
      const k = keys.get(id);
      if (!k) throw new Error(`no key ${id}`);
      k.expires = iso(now() - 1000);
    },
    expireAccessTokens() {
      for (const entry of tokens.values()) entry.expiresAt = now() - 1;
    },
    addDevice(init) {
      const d = newDevice(init, now(), tailnetDomain);
      devices.set(d.nodeId, d);
      return d;
    },
    devices: () => [...devices.values()].map(d => structuredClone(d)),
    updateDevice(nodeId, changes) {
      const d = devices.get(nodeId);
      if (!d) throw new Error(`no device ${nodeId}`);
      Object.assign(d, changes, { nodeId: d.nodeId, id: d.id });
      return structuredClone(d);
    },
    removeDevice: nodeId => devices.delete(nodeId),
    joinWithAuthKey(authKey, hostname) {
      const k = [...keys.values()].find(x => x.key === authKey);
      if (!k) throw new Error('invalid key: unable to validate API key');
      if (!isActive(k)) throw new Error('invalid key: key expired or revoked');
      const { reusable, ephemeral, preauthorized, tags } =
        k.capabilities.devices.create;
      if (!reusable && k.uses > 0)
        throw new Error('invalid key: single-use key already used');
      k.uses++;
      const d = newDevice(
        {
          hostname,
          tags: [...tags],
          authorized: preauthorized,
          keyExpiryDisabled: tags.length > 0 && !ephemeral,
        },
        now(),
        tailnetDomain,
      );
      devices.set(d.nodeId, d);
      return d;
    },
    addFault: fault => faults.add(fault),
    removeFault: id => faults.remove(id),
    clearFaults: () => faults.clear(),
    async close() {
      if (closed) return;
      closed = true;
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      const done = new Promise<void>(resolve => server.close(() => resolve()));
      server.closeAllConnections();
      await done;
    },
  };
}
