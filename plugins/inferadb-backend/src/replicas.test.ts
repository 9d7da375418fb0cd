import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import {
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
import { inferadbPlugin } from './plugin';
import { clusterEntry } from './__testUtils__/regionFixture';

jest.setTimeout(120_000);

const postgres = startTestPostgres();
const databases = TestDatabases.create({
  ids: postgres ? [postgres.id as TestDatabaseId] : [],
  disableDocker: true,
});
afterAll(() => postgres?.stop());

const IDS = ['r1', 'r2', 'r3', 'r4', 'r5', 'r6'];
const INTERVAL_MS = 1000;

/** Two backend replicas on one PostgreSQL, as Backstage runs them in production. */
describe('several backend replicas', () => {
  const clusters: Record<string, KubernetesEmulator> = {};

  beforeAll(async () => {
    for (const id of IDS) clusters[id] = await startDemoRegionCluster(id);
  });
  afterAll(async () => {
    for (const c of Object.values(clusters)) await c.close();
  });

  it('collect each region once per interval between them', async () => {
    if (!postgres) {
      // eslint-disable-next-line no-console
      console.warn('PostgreSQL unavailable: the replica test is skipped');
      return;
    }
    const knex = await databases.init(postgres.id as TestDatabaseId);
    const replica = () =>
      startTestBackend({
        features: [
          inferadbPlugin,
          schedulerServiceFactory,
          mockServices.database.factory({ knex }),
          mockServices.rootConfig.factory({
            data: {
              backend: { baseUrl: 'http://localhost:7007' },
              inferadb: {
                clusters: IDS.map(id => clusterEntry(id, clusters[id])),
                fleets: [
                  {
                    name: 'f',
                    storage: 'foundationdb',
                    regions: IDS.map(id => ({
                      id,
                      role: 'replica',
                      cluster: id,
                    })),
                  },
                ],
                health: {
                  shards: 3,
                  refreshInterval: { milliseconds: INTERVAL_MS },
                  sourceTimeout: { milliseconds: 800 },
                },
              },
            },
          }),
        ],
      });
    // One after the other, as a rollout starts them: the first creates the tables.
    const backends = [await replica()];
    backends.push(await replica());
    try {
      const podLists = (id: string) =>
        clusters[id].requests.filter(r => r.path.endsWith('/pods')).length;
      // Let both replicas settle, then count a window of whole intervals.
      await new Promise(resolve => setTimeout(resolve, 2 * INTERVAL_MS));
      const before = Object.fromEntries(IDS.map(id => [id, podLists(id)]));
      const windowMs = 6 * INTERVAL_MS;
      await new Promise(resolve => setTimeout(resolve, windowMs));
      for (const id of IDS) {
        const collections = podLists(id) - before[id];
        // Once per interval (give or take one at the window's edges), never twice.
        expect(collections).toBeGreaterThanOrEqual(windowMs / INTERVAL_MS - 2);
        expect(collections).toBeLessThanOrEqual(windowMs / INTERVAL_MS + 1);
      }
    } finally {
      await Promise.all(backends.map(b => b.stop()));
      await knex.destroy();
    }
  });
});
