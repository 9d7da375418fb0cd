import { SnapshotStore } from '../snapshots/SnapshotStore';
import { SnapshotCache } from './SnapshotCache';

function store(rows: Record<string, { etag: string; status: string }>) {
  const reads: string[][] = [];
  const fake = {
    latestJson: async (_fleet: string, regions: string[]) => {
      reads.push(regions);
      return regions.map(region => ({
        region,
        etag: rows[region].etag,
        json: JSON.stringify({ region, status: rows[region].status }),
      }));
    },
  };
  return { store: fake as unknown as SnapshotStore, reads };
}

const etagsOf = (rows: Record<string, { etag: string }>) =>
  new Map(Object.entries(rows).map(([region, r]) => [region, r.etag]));

describe('SnapshotCache', () => {
  it('reads only the regions whose snapshot changed, and forgets removed ones', async () => {
    const rows = {
      a: { etag: 'a1', status: 'healthy' },
      b: { etag: 'b1', status: 'healthy' },
    };
    const { store: s, reads } = store(rows);
    const cache = new SnapshotCache(s);
    expect((await cache.regions('f', etagsOf(rows))).length).toBe(2);

    rows.b = { etag: 'b2', status: 'critical' };
    const second = await cache.regions('f', etagsOf(rows));
    expect(reads).toEqual([['a', 'b'], ['b']]);
    expect(second.map(r => [r.health.region, r.health.status])).toEqual([
      ['a', 'healthy'],
      ['b', 'critical'],
    ]);
    expect(second[1].json).toBe('{"region":"b","status":"critical"}');

    const third = await cache.regions('f', new Map([['b', 'b2']]));
    expect(third.map(r => r.health.region)).toEqual(['b']);
    expect(reads).toHaveLength(2);
  });
});
