import { RegionHealth } from '@inferadb-regions/plugin-inferadb-common';
import { SnapshotStore } from '../snapshots/SnapshotStore';
import { SnapshotBatcher } from './SnapshotBatcher';

const health = (fleet: string, region: string) =>
  ({
    fleet,
    region,
    status: 'healthy',
    collectedAt: '2026-12-01T08:00:00.000Z',
    actuals: {},
  } as RegionHealth);

function recordingStore() {
  const saves: string[][] = [];
  const store = {
    availability: async (_fleet: string, regions: string[]) =>
      new Map(
        regions.map(r => [r, { up: 1, counted: 1, unknown: 0, since: 0 }]),
      ),
    save: async (batch: RegionHealth[]) => {
      saves.push(batch.map(h => `${h.fleet}/${h.region}`));
      return [];
    },
  };
  return { store: store as unknown as SnapshotStore, saves };
}

describe('SnapshotBatcher', () => {
  it('stores regions that finish together in one write, with their uptime', async () => {
    const { store, saves } = recordingStore();
    const batcher = new SnapshotBatcher(store, 20);
    const a = health('f', 'a');
    await Promise.all([
      batcher.publish(a),
      batcher.publish(health('f', 'b')),
      batcher.publish(health('g', 'c')),
    ]);
    expect(saves).toEqual([['f/a', 'f/b', 'g/c']]);
    expect(a.actuals.uptimePercent).toBe(100);
  });

  it('does not hold a region back for one that finishes later', async () => {
    const { store, saves } = recordingStore();
    const batcher = new SnapshotBatcher(store, 10);
    await batcher.publish(health('f', 'early'));
    expect(saves).toEqual([['f/early']]);
    await batcher.publish(health('f', 'late'));
    expect(saves).toEqual([['f/early'], ['f/late']]);
  });

  it('fails the regions of a batch the database refused', async () => {
    const { store } = recordingStore();
    (store as any).save = async () => {
      throw new Error('database is locked');
    };
    await expect(
      new SnapshotBatcher(store, 5).publish(health('f', 'a')),
    ).rejects.toThrow('database is locked');
  });
});
