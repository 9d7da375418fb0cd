import { shardOf } from './shards';

describe('shardOf', () => {
  const regions = Array.from({ length: 200 }, (_, i) => `region-${i}`);

  it('puts every region in exactly one shard, the same on every call', () => {
    for (const r of regions) {
      const shard = shardOf('f', r, 4);
      expect(shard).toBeGreaterThanOrEqual(0);
      expect(shard).toBeLessThan(4);
      expect(shardOf('f', r, 4)).toBe(shard);
    }
    expect(shardOf('f', 'us-west-1', 1)).toBe(0);
  });

  it('spreads regions over the shards', () => {
    const counts = [0, 0, 0, 0];
    for (const r of regions) counts[shardOf('f', r, 4)] += 1;
    for (const c of counts) expect(c).toBeGreaterThan(30);
  });
});
