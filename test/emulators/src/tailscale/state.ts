import { randomSuffix } from './credentials';

/** An auth key as the emulated control plane stores it (the value only here). */
export interface StoredKey {
  id: string;
  key: string;
  created: string;
  expires: string;
  revoked?: string;
  description?: string;
  capabilities: {
    devices: {
      create: {
        reusable: boolean;
        ephemeral: boolean;
        preauthorized: boolean;
        tags: string[];
      };
    };
  };
  /** `tailnet` for keys made with an OAuth token, else the API access token that made it. */
  owner: string;
  /** Devices registered with it (a single-use key registers one). */
  uses: number;
}

/** A device in the emulated tailnet, with every field of the API's device object. */
export interface EmulatedDevice {
  addresses: string[];
  id: string;
  nodeId: string;
  user: string;
  name: string;
  hostname: string;
  clientVersion: string;
  updateAvailable: boolean;
  os: string;
  created: string;
  lastSeen: string;
  connectedToControl: boolean;
  keyExpiryDisabled: boolean;
  expires: string;
  authorized: boolean;
  isExternal: boolean;
  machineKey: string;
  nodeKey: string;
  blocksIncomingConnections: boolean;
  enabledRoutes: string[];
  advertisedRoutes: string[];
  clientConnectivity: {
    endpoints: string[];
    mappingVariesByDestIP: boolean;
    latency: Record<string, { latencyMs: number; preferred?: boolean }>;
    clientSupports: Record<string, boolean>;
  };
  tags: string[];
  tailnetLockError: string;
  tailnetLockKey: string;
}

/** Tailscale's timestamps: RFC 3339 without fractional seconds. */
export const iso = (ms: number) =>
  new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

/** Key ids look like `k` + 12 characters + `CNTRL`. */
export function newKeyId(): string {
  return `k${randomSuffix(6).toUpperCase()}CNTRL`;
}

let deviceCounter = 1;

/** A device with plausible defaults for every field, overridden by `init`. */
export function newDevice(
  init: Partial<EmulatedDevice> & { hostname: string },
  now: number,
  tailnetDomain: string,
): EmulatedDevice {
  const n = deviceCounter++;
  return {
    addresses: [
      `100.64.${(n >> 8) & 255}.${n & 255}`,
      `fd7a:115c:a1e0::${n.toString(16)}`,
    ],
    id: String(100000000000 + n),
    nodeId: `n${randomSuffix(5).toUpperCase()}CNTRL`,
    user: init.tags?.length ? 'tagged-devices' : 'admin@example.com',
    name: `${init.hostname}.${tailnetDomain}`,
    clientVersion: '1.80.0',
    updateAvailable: false,
    os: 'linux',
    created: iso(now),
    lastSeen: iso(now),
    connectedToControl: true,
    keyExpiryDisabled: Boolean(init.tags?.length),
    expires: iso(now + 180 * 86400_000),
    authorized: true,
    isExternal: false,
    machineKey: `mkey:${randomSuffix(32)}`,
    nodeKey: `nodekey:${randomSuffix(32)}`,
    blocksIncomingConnections: false,
    enabledRoutes: [],
    advertisedRoutes: [],
    clientConnectivity: {
      endpoints: ['127.0.0.1:41641'],
      mappingVariesByDestIP: false,
      latency: { Frankfurt: { latencyMs: 12.5, preferred: true } },
      clientSupports: {
        hairPinning: false,
        ipv6: false,
        pcp: false,
        pmp: false,
        udp: true,
        upnp: false,
      },
    },
    tags: [],
    tailnetLockError: '',
    tailnetLockKey: `tlpub:${randomSuffix(32)}`,
    ...init,
  };
}

/** The device object without the fields `fields=default` leaves out. */
export function defaultFields(device: EmulatedDevice): Partial<EmulatedDevice> {
  const { enabledRoutes, advertisedRoutes, clientConnectivity, ...rest } =
    device;
  return rest;
}
