import { createHash } from 'node:crypto';

/**
 * The shard of `shards` a region is collected in: a hash of its fleet and id, so every
 * replica assigns it alike and a region keeps its shard while others come and go.
 */
export function shardOf(fleet: string, region: string, shards: number): number {
  if (shards <= 1) return 0;
  const digest = createHash('sha256')
    .update(`${fleet}\u0000${region}`)
    .digest();
  return digest.readUInt32BE(0) % shards;
}
