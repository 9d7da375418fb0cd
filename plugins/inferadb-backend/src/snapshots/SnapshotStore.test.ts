import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
import {
  KubernetesEmulator,
  startDemoRegionCluster,
  startTestPostgres,
} from '@internal/inferadb-emulators';
import { RegionHealth } from '@inferadb-regions/plugin-inferadb-common';
import request from 'supertest';
import { inferadbPlugin } from '../plugin';
import { clusterEntry } from '../__testUtils__/regionFixture';
import { SnapshotStore } from './SnapshotStore';

jest.setTimeout(120_000);

// TestDatabases reads the PostgreSQL connection string when created, so the server
// starts first.
const postgres = startTestPostgres();
const ids = [
  ...(postgres ? [postgres.id as TestDatabaseId] : []),
  'SQLITE_3' as const,
];
const databases = TestDatabases.create({ ids, disableDocker: true });
afterAll(() => postgres?.stop());

function health(region: string, at: number, lag: number | null): RegionHealth {
  return {
    fleet: 'f',
    region,
    storage: 'foundationdb',
    declaredRole: 'dr',
    role: 'dr',
    status: lag !== null && lag > 5 ? 'degraded' : 'healthy',
    summary: 's',
    checks: [
      {
        id: 'replication.lag',
        label: 'Replication lag',
        component: 'replication',
        status: lag !== null && lag > 5 ? 'degraded' : 'healthy',
      },
    ],
    sources: [],
    workloads: [],
    services: [],
    replicationLagSeconds: lag,
    failover: { applicable: true, ready: true, blockers: [] },
    targets: {},
    actuals: {
      replicationLagSeconds: lag,
      p95LatencyMs: 12.5,
      diskUsedPercent: null,
    },
    collectedAt: new Date(at).toISOString(),
    durationMs: 3,
  };
}

describe('snapshot store', () => {
  let cluster: KubernetesEmulator;
  beforeAll(async () => {
    cluster = await startDemoRegionCluster('us-west-1');
  });
  afterAll(async () => {
    await cluster?.close();
  });

  describe.each(ids)('on %s', id => {
    const available = () => databases.supports(id);
    const t0 = Date.parse('2026-11-22T06:00:00Z');

    /** A store on a fresh database of this kind, and the knex to close it with. */
    async function storeKeeping(historyLimit: number) {
      const knex = await databases.init(id);
      const store = await SnapshotStore.create({
        database: mockServices.database({ knex }),
        historyLimit,
      });
      return { knex, store };
    }

    it('keeps the latest snapshot per region and a bounded history', async () => {
      if (!available()) return;
      const { knex, store } = await storeKeeping(3);
      const [first] = await store.save([health('a', t0, 1)]);
      for (let i = 1; i <= 4; i++)
        await store.save([health('a', t0 + i * 30_000, i * 2)]);
      await store.save([health('b', t0, null)]);

      const [latest] = await store.latest('f', 'a');
      expect(latest.health.replicationLagSeconds).toBe(8);
      expect(latest.etag).not.toBe(first.etag);
      expect((await store.etags('f')).get('a')).toBe(latest.etag);

      const points = await store.history('f', 'a', { limit: 100 });
      expect(points.map(p => p.replicationLagSeconds)).toEqual([4, 6, 8]);
      expect(points[2]).toEqual({
        collectedAt: new Date(t0 + 120_000).toISOString(),
        status: 'degraded',
        replicationLagSeconds: 8,
        p95LatencyMs: 12.5,
        diskUsedPercent: null,
        failingChecks: ['replication.lag'],
      });
      expect(
        (await store.history('f', 'a', { limit: 100, since: t0 + 60_000 }))
          .length,
      ).toBe(2);
      expect(
        (await store.history('f', 'b', { limit: 100 }))[0]
          .replicationLagSeconds,
      ).toBeNull();

      // One collection of several regions is stored together.
      const both = await store.save([health('c', t0, 1), health('d', t0, 2)]);
      expect(both.map(s => s.health.region)).toEqual(['c', 'd']);
      expect([...(await store.etags('f')).keys()].sort()).toEqual([
        'a',
        'b',
        'c',
        'd',
      ]);
      expect((await store.history('f', 'd', { limit: 10 })).length).toBe(1);
      // Each region of a collection keeps its own newest points.
      for (let i = 1; i <= 4; i++) {
        await store.save([
          health('c', t0 + i * 30_000, i),
          health('d', t0 + i * 30_000, 10 * i),
        ]);
      }
      const lags = async (region: string) =>
        (await store.history('f', region, { limit: 10 })).map(
          p => p.replicationLagSeconds,
        );
      expect(await lags('c')).toEqual([2, 3, 4]);
      expect(await lags('d')).toEqual([20, 30, 40]);
      expect(await lags('a')).toEqual([4, 6, 8]);

      // A fleet whose file cannot be read now is left alone, history and all.
      await store.retain([], ['f']);
      expect((await store.history('f', 'b', { limit: 10 })).length).toBe(1);
      expect(await store.latest('f', 'b')).toHaveLength(1);

      await store.retain([{ fleet: 'f', region: 'a' }]);
      expect(await store.latest('f', 'b')).toEqual([]);
      expect(await store.history('f', 'b', { limit: 10 })).toEqual([]);
      await knex.destroy();
    });

    it('counts per region the known points that were not critical and the unknown ones, for uptime', async () => {
      if (!available()) return;
      const { knex, store } = await storeKeeping(10);
      const statuses = ['unknown', 'healthy', 'critical', 'degraded'] as const;
      for (const [i, status] of statuses.entries()) {
        await store.save([
          { ...health('u', t0 + i * 30_000, 1), status },
          health('v', t0 + i * 30_000, 1),
        ]);
      }
      const availability = await store.availability('f', ['u', 'v']);
      expect(availability.get('u')).toEqual({
        up: 2,
        counted: 3,
        unknown: 1,
        since: t0 + 30_000,
      });
      expect(availability.get('v')).toEqual({
        up: 4,
        counted: 4,
        unknown: 0,
        since: t0,
      });
      expect((await store.availability('other', ['u'])).size).toBe(0);
      // Only the regions asked for: a one-region refresh reads only its own history.
      expect([...(await store.availability('f', ['v'])).keys()]).toEqual(['v']);
      await knex.destroy();
    });

    it('runs the plugin on it: collect, store, serve', async () => {
      if (!available()) return;
      const knex = await databases.init(id);
      const backend = await startTestBackend({
        features: [
          inferadbPlugin,
          mockServices.database.factory({ knex }),
          mockServices.rootConfig.factory({
            data: {
              inferadb: {
                clusters: [clusterEntry('k8s', cluster)],
                fleets: [
                  {
                    name: 'f',
                    storage: 'foundationdb',
                    regions: [
                      { id: 'us-west-1', role: 'primary', cluster: 'k8s' },
                    ],
                  },
                ],
              },
            },
          }),
        ],
      });
      const auth = mockCredentials.user.header();
      const { server } = backend;
      const refreshed = await request(server)
        .post('/api/inferadb/fleets/f/refresh')
        .set('authorization', auth)
        .send({});
      expect(refreshed.status).toBe(200);
      expect(refreshed.body.regions[0]).toMatchObject({
        region: 'us-west-1',
        status: 'healthy',
        role: 'primary',
      });
      // Every stored collection (the one at startup, this one) found the region up.
      const { actuals, collectedAt } = refreshed.body.regions[0];
      expect(actuals.uptimePercent).toBe(100);
      expect(Date.parse(actuals.uptimeSince)).toBeLessThanOrEqual(
        Date.parse(collectedAt),
      );
      const row = await knex('inferadb_region_snapshots')
        .where({ fleet: 'f', region: 'us-west-1' })
        .first();
      expect(JSON.parse(row.health).status).toBe('healthy');
      const served = await request(server)
        .get('/api/inferadb/fleets/f/regions/us-west-1')
        .set('authorization', auth);
      expect(served.body.collectedAt).toBe(JSON.parse(row.health).collectedAt);
      await backend.stop();
      await knex.destroy();
    });
  });
});
