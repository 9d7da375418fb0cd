import { MeshHealth } from '@inferadb-regions/plugin-inferadb-common';
import type {
  AuthKeyDetails,
  MeshDevice,
  TailscaleHealthReader,
} from '@inferadb-regions/plugin-inferadb-node';
import { AuthKeyReader, RegionKeyFinder } from './regionKeys';
import { UpstreamGate } from './upstreamGate';

/** The reader with every call let out through the gate's Tailscale pool. */
export function gatedTailscaleReader(
  reader: TailscaleHealthReader,
  gate: UpstreamGate,
): TailscaleHealthReader {
  const gated = <T>(call: () => Promise<T>) =>
    gate.run('tailscale', 'api', 1, call);
  return {
    listDevices: options => gated(() => reader.listDevices(options)),
    getKey: keyId => gated(() => reader.getKey(keyId)),
    ...(reader.listKeys
      ? { listKeys: () => gated(() => reader.listKeys!()) }
      : {}),
  };
}

/**
 * The tailnet's devices, listed once for a whole collection: every region filters the one
 * list by its own tags, so a collection costs one device list, not one per region.
 */
export function sharedDeviceList(
  reader: TailscaleHealthReader,
): () => Promise<MeshDevice[]> {
  let devices: Promise<MeshDevice[]> | undefined;
  return () => {
    devices ??= reader.listDevices();
    return devices;
  };
}

const finders = new WeakMap<TailscaleHealthReader, RegionKeyFinder>();

/**
 * The region's auth key: the configured one, else the newest active key with all the
 * region's tags. A failed search is reported, not thrown: the devices still count.
 */
async function regionKey(
  reader: TailscaleHealthReader,
  tags: string[],
  keyId: string | undefined,
): Promise<{ key?: AuthKeyDetails; error?: string }> {
  if (keyId) return { key: await reader.getKey(keyId) };
  if (!reader.listKeys || !tags.length) return {};
  let finder = finders.get(reader);
  if (!finder) {
    finder = new RegionKeyFinder(reader as AuthKeyReader);
    finders.set(reader, finder);
  }
  try {
    return { key: await finder.newestFor(tags) };
  } catch (error) {
    return {
      error: `could not look for the region's auth key by its tags: ${
        (error as Error).message
      }`,
    };
  }
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Devices of the region's tags, how many reach control, and the earliest key expiry.
 * `devices` lists the whole tailnet (see {@link sharedDeviceList}).
 */
export async function collectTailscale(
  reader: TailscaleHealthReader,
  devices: () => Promise<MeshDevice[]>,
  tags: string[],
  keyId: string | undefined,
  now: number,
): Promise<MeshHealth> {
  const [all, { key, error: keyError }] = await Promise.all([
    devices(),
    regionKey(reader, tags, keyId),
  ]);
  const own = all.filter(d => d.tags?.some(t => tags.includes(t)));
  const expiries = own
    .filter(d => !d.keyExpiryDisabled && d.expires)
    .map(d => Date.parse(d.expires!))
    .filter(t => Number.isFinite(t) && t > 0);
  if (key?.expires) {
    const t = Date.parse(key.expires);
    if (Number.isFinite(t)) expiries.push(key.invalid ? Math.min(t, now) : t);
  } else if (key?.invalid) {
    expiries.push(now);
  }
  const earliest = expiries.length ? Math.min(...expiries) : undefined;
  return {
    devices: own.length,
    // Older API versions omit connectedToControl; those devices count as connected.
    connected: own.filter(d => d.connectedToControl !== false).length,
    ...(key ? { keyId: key.id } : {}),
    ...(keyError ? { keyError } : {}),
    ...(earliest !== undefined
      ? {
          keyExpiresAt: new Date(earliest).toISOString(),
          keyExpiresInDays: Math.floor(((earliest - now) / DAY_MS) * 10) / 10,
        }
      : {}),
  };
}
