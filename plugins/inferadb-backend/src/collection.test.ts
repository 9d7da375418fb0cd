import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import {
  KubernetesEmulator,
  startDemoRegionCluster,
  startTailscaleEmulator,
  TailscaleEmulator,
} from '@internal/inferadb-emulators';
import { RegionHealth } from '@inferadb-regions/plugin-inferadb-common';
import request from 'supertest';
import { inferadbPlugin } from './plugin';
import { clusterEntry } from './__testUtils__/regionFixture';

jest.setTimeout(60_000);

const AUTH = mockCredentials.user.header();
const IDS = ['r1', 'r2', 'r3', 'r4', 'r5', 'r6', 'r7', 'r8'];

/** How a collection of many regions treats the systems it reads. */
describe('collection', () => {
  let shared: KubernetesEmulator;
  let hanging: KubernetesEmulator;
  let tailscale: TailscaleEmulator;

  beforeAll(async () => {
    shared = await startDemoRegionCluster('us-west-1');
    shared.setLatency(40);
    hanging = await startDemoRegionCluster('eu-central-1');
    hanging.addFault({ hang: true });
    tailscale = await startTailscaleEmulator();
  });
  afterAll(async () => {
    await shared?.close();
    await hanging?.close();
    await tailscale?.close();
  });

  /** Regions r1..r8 on the one shared API server; `slow` on the hanging one. */
  function start(health: object = {}, features: any[] = []) {
    return startTestBackend({
      features: [
        inferadbPlugin,
        ...features,
        mockServices.rootConfig.factory({
          data: {
            inferadb: {
              clusters: [
                clusterEntry('shared', shared),
                clusterEntry('hanging', hanging),
              ],
              tailscale: {
                baseUrl: tailscale.url,
                tailnet: '-',
                apiKey: tailscale.apiKey,
              },
              fleets: [
                {
                  name: 'f',
                  storage: 'foundationdb',
                  regions: [
                    ...IDS.map(id => ({
                      id,
                      role: 'replica',
                      cluster: 'shared',
                      tailscaleTags: [`tag:inferadb-${id}`],
                    })),
                    {
                      id: 'slow',
                      role: 'replica',
                      cluster: 'hanging',
                      tailscaleTags: ['tag:inferadb-slow'],
                    },
                  ],
                },
              ],
              health: {
                sourceTimeout: { milliseconds: 1500 },
                refreshInterval: { minutes: 10 },
                ...health,
              },
            },
          },
        }),
      ],
    });
  }

  /** Every region of the shared API server was read: no source failed, workloads found. */
  const expectEveryRegionCollected = (regions: RegionHealth[]) => {
    for (const id of IDS) {
      const r = regions.find(x => x.region === id)!;
      expect(r.sources.filter(s => !s.ok)).toEqual([]);
      expect(r.workloads.length).toBeGreaterThan(0);
    }
  };

  const refresh = (server: any) =>
    request(server)
      .post('/api/inferadb/fleets/f/refresh')
      .set('authorization', AUTH)
      .send({});

  it('never has more requests in flight at an API server than its bound', async () => {
    const { server } = await start({ concurrency: { perApiServer: 3 } });
    shared.resetPeakInFlight();
    const res = await refresh(server);
    expect(res.status).toBe(200);
    const regions: RegionHealth[] = res.body.regions;
    // Every region of the shared server was still collected, none timed out waiting.
    expectEveryRegionCollected(regions);
    expect(shared.peakInFlight).toBeGreaterThan(0);
    expect(shared.peakInFlight).toBeLessThanOrEqual(3);
  });

  it('serves each region once it is collected, while a hung one waits out its timeout', async () => {
    const { server } = await start();
    let settled = false;
    // Snapshots are stamped with the collection's start, so allow for clock granularity.
    const started = Date.now() - 5;
    const collection = refresh(server).then(res => {
      settled = true;
      return res;
    });
    // r1's new snapshot is served while the collection still waits for the hung region.
    let servedEarly = false;
    while (!settled && !servedEarly) {
      const res = await request(server)
        .get('/api/inferadb/fleets/f/regions/r1')
        .set('authorization', AUTH);
      servedEarly =
        res.status === 200 &&
        Date.parse(res.body.collectedAt) >= started &&
        !settled;
    }
    expect(servedEarly).toBe(true);
    const res = await collection;
    const slow: RegionHealth = res.body.regions.find(
      (r: RegionHealth) => r.region === 'slow',
    );
    expect(slow.sources.find(s => s.source === 'kubernetes')).toMatchObject({
      ok: false,
      timedOut: true,
    });
  });

  it('answers its first viewer with the first collection, not an empty fleet', async () => {
    // The real scheduler: the first collection starts with the backend, not before it.
    const { server } = await start({}, [schedulerServiceFactory]);
    const res = await request(server)
      .get('/api/inferadb/fleets/f')
      .set('authorization', AUTH);
    expect(res.status).toBe(200);
    expect(res.body.regions.map((r: RegionHealth) => r.region).sort()).toEqual(
      [...IDS, 'slow'].sort(),
    );
  });

  it('keeps a source within its bound while any of its requests is in flight', async () => {
    const { server } = await start({ concurrency: { perApiServer: 3 } });
    // Each region's deployments fail fast while its pods are still being listed.
    shared.addFault({ path: /\/deployments$/, status: 500 });
    shared.addFault({ path: /\/pods$/, delayMs: 200 });
    try {
      shared.resetPeakInFlight();
      const res = await refresh(server);
      expect(res.status).toBe(200);
      const failed = (res.body.regions as RegionHealth[])
        .filter(r => IDS.includes(r.region))
        .map(r => r.sources.find(s => s.source === 'kubernetes'));
      expect(failed).toHaveLength(IDS.length);
      for (const source of failed) expect(source).toMatchObject({ ok: false });
      expect(shared.peakInFlight).toBeLessThanOrEqual(3);
    } finally {
      shared.clearFaults();
    }
  });

  it('collects on a worker thread, with clients of its own, when asked to', async () => {
    const { server } = await start({
      collectInWorker: true,
      concurrency: { perApiServer: 3 },
    });
    const before = tailscale.requests.length;
    shared.resetPeakInFlight();
    const res = await refresh(server);
    expect(res.status).toBe(200);
    const regions: RegionHealth[] = res.body.regions;
    expectEveryRegionCollected(regions);
    // The thread's own gate and shared device list apply.
    expect(shared.peakInFlight).toBeLessThanOrEqual(3);
    expect(
      tailscale.requests.slice(before).filter(r => r.path.endsWith('/devices'))
        .length,
    ).toBe(1);
    expect(
      regions
        .find(r => r.region === 'slow')!
        .sources.find(s => s.source === 'kubernetes'),
    ).toMatchObject({ ok: false, timedOut: true });
  });

  it("lists the tailnet's devices once per collection, not once per region", async () => {
    const { server } = await start();
    const devicesRead = () =>
      tailscale.requests.filter(r => r.path.endsWith('/devices')).length;
    const before = devicesRead();
    await refresh(server);
    expect(devicesRead() - before).toBe(1);
  });
});
