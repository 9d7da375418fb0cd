import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  findPrometheus,
  KubernetesEmulator,
  MetricsExporter,
  PrometheusServer,
  startDemoRegionCluster,
  startMetricsExporter,
  startPrometheus,
  startTailscaleEmulator,
  writeRegionMetrics,
} from '@internal/inferadb-emulators';
import {
  FleetHealth,
  GetRegionHistoryResponse,
  inferadbFleetHealthRefreshPermission,
  ListFleetsResponse,
  RegionHealth,
} from '@inferadb-regions/plugin-inferadb-common';
import { createServer } from 'node:net';
import request from 'supertest';
import { inferadbPlugin } from './plugin';
import { clusterEntry } from './__testUtils__/regionFixture';

jest.setTimeout(60_000);

const prometheusInstalled = !!findPrometheus();
if (!prometheusInstalled) {
  // eslint-disable-next-line no-console
  console.warn(
    'Prometheus is not installed (apt-get install -y prometheus): its checks are skipped',
  );
}
const describeWithPrometheus = prometheusInstalled ? describe : describe.skip;

/** A loopback port nothing listens on: Prometheus "down". */
async function closedPort(): Promise<number> {
  return new Promise(resolve => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

const ROLES = ['primary', 'dr'];
const REGIONS = [
  'us-west-1',
  'eu-central-1',
  'ap-southeast-1',
  'sa-east-1',
  'af-south-1',
];

describe('inferadb backend plugin', () => {
  const clusters: Record<string, KubernetesEmulator> = {};
  let exporter: MetricsExporter;
  let prometheus: PrometheusServer | undefined;
  let deadPrometheus: string;

  beforeAll(async () => {
    for (const id of REGIONS) clusters[id] = await startDemoRegionCluster(id);
    exporter = await startMetricsExporter();
    let last = Date.now();
    exporter.onScrape(() => {
      const now = Date.now();
      writeRegionMetrics(
        exporter.registry,
        { region: 'us-west-1' },
        {
          p95LatencyMs: 20,
          diskUsedBytes: 50,
          diskTotalBytes: 100,
        },
        (now - last) / 1000,
      );
      writeRegionMetrics(
        exporter.registry,
        { region: 'eu-central-1' },
        {
          datacenterLagSeconds: 1.5,
          p95LatencyMs: 30,
          diskUsedBytes: 60,
          diskTotalBytes: 100,
        },
        (now - last) / 1000,
      );
      last = now;
    });
    if (prometheusInstalled) {
      prometheus = await startPrometheus({
        targets: [exporter.target],
        scrapeIntervalSeconds: 1,
      });
      await prometheus.waitForTargetsUp();
    }
    deadPrometheus = `http://127.0.0.1:${await closedPort()}`;
  });

  afterAll(async () => {
    await prometheus?.stop();
    await exporter?.close();
    for (const c of Object.values(clusters)) await c.close();
  });

  afterEach(() => {
    for (const c of Object.values(clusters)) c.clearFaults();
  });

  function config(overrides: { promUrl?: string } = {}) {
    const promUrl = overrides.promUrl ?? prometheus?.url ?? deadPrometheus;
    return {
      inferadb: {
        clusters: REGIONS.map(id => clusterEntry(`k8s-${id}`, clusters[id])),
        fleets: [
          {
            name: 'test-fleet',
            storage: 'foundationdb',
            regions: REGIONS.map((id, i) => ({
              id,
              role: ROLES[i] ?? 'replica',
              cluster: `k8s-${id}`,
              namespace: 'inferadb',
              prometheus: {
                url: id === 'af-south-1' ? deadPrometheus : promUrl,
                regionLabel: 'region',
              },
              targets: { p95LatencyMs: 50, replicationLagSeconds: 5 },
              maintenanceWindow: 'Sun 02:00-04:00 UTC',
            })),
          },
        ],
        health: {
          sourceTimeout: { milliseconds: 1500 },
          refreshInterval: { minutes: 10 },
          // The lag of foundationdb-exporter; InferaDB exports none.
          metrics: {
            replicationLagSeconds: 'max(fdb_datacenter_lag_seconds{selector})',
          },
        },
      },
    };
  }

  async function start(features: any[] = [], cfg = config()) {
    return startTestBackend({
      features: [
        inferadbPlugin,
        mockServices.rootConfig.factory({ data: cfg }),
        // Requests without a token are unauthenticated, as in a real backend.
        mockServices.httpAuth.factory({
          defaultCredentials: mockCredentials.none(),
        }),
        ...features,
      ],
    });
  }

  const region = (fleet: FleetHealth, id: string) =>
    fleet.regions.find(r => r.region === id)!;
  const source = (r: RegionHealth, name: string) =>
    r.sources.find(s => s.source === name)!;

  it('shows each failing region as its own failed sources while the others stay right', async () => {
    clusters['eu-central-1'].addFault({ hang: true });
    clusters['ap-southeast-1'].addFault({ status: 500 });
    clusters['sa-east-1'].addFault({ malformed: true });
    const { server } = await start();
    const res = await request(server)
      .post('/api/inferadb/fleets/test-fleet/refresh')
      .set('authorization', mockCredentials.user.header())
      .send({});
    expect(res.status).toBe(200);
    const fleet: FleetHealth = res.body;
    // A hanging API server is cut off by the source timeout, and says so.
    expect(source(region(fleet, 'eu-central-1'), 'kubernetes')).toMatchObject({
      ok: false,
      timedOut: true,
      error: 'timed out after 1500 ms',
    });

    const healthy = region(fleet, 'us-west-1');
    expect(healthy.sources.filter(s => !s.ok && !s.skipped)).toEqual([]);
    expect(healthy.role).toBe('primary');
    expect(
      healthy.workloads.find(w => w.name === 'inferadb-engine'),
    ).toMatchObject({ ready: 3, desired: 3, sidecarReady: 3, sidecarTotal: 3 });
    expect(healthy.foundationdb).toMatchObject({
      available: true,
      healthy: true,
      fullReplication: true,
      reconciled: true,
      usableRegions: 2,
      priority: 1,
    });
    expect(healthy.services.map(s => [s.service, s.status])).toEqual([
      ['engine', 'healthy'],
      ['control', 'healthy'],
    ]);
    expect(healthy.maintenanceWindow?.spec).toBe('Sun 02:00-04:00 UTC');

    const hung = region(fleet, 'eu-central-1');
    for (const name of [
      'kubernetes',
      'foundationdb',
      'engine-healthz',
      'control-healthz',
    ]) {
      expect(source(hung, name)).toMatchObject({ ok: false, timedOut: true });
    }
    expect(hung.status).toBe('unknown');
    expect(hung.failover).toMatchObject({ applicable: true, ready: null });

    const failing = region(fleet, 'ap-southeast-1');
    expect(source(failing, 'kubernetes')).toMatchObject({
      ok: false,
      error: expect.stringContaining('HTTP 500'),
    });
    expect(source(failing, 'engine-healthz').ok).toBe(false);
    expect(failing.status).toBe('unknown');
    expect(failing.checks.find(c => c.id === 'engine.workload')).toMatchObject({
      status: 'unknown',
      reason: expect.stringContaining('kubernetes source failed'),
    });

    const malformed = region(fleet, 'sa-east-1');
    expect(source(malformed, 'kubernetes').ok).toBe(false);
    expect(source(malformed, 'engine-healthz')).toMatchObject({
      ok: false,
      error: expect.stringMatching(/JSON/),
    });
    expect(malformed.status).toBe('unknown');

    const noMetrics = region(fleet, 'af-south-1');
    expect(source(noMetrics, 'prometheus')).toMatchObject({
      ok: false,
      error: expect.any(String),
    });
    expect(source(noMetrics, 'kubernetes').ok).toBe(true);
    expect(noMetrics.workloads.length).toBeGreaterThan(0);
    expect(
      noMetrics.checks.find(c => c.id === 'replication.lag'),
    ).toMatchObject({
      status: 'unknown',
      reason: expect.stringContaining('prometheus source failed'),
    });
    expect(noMetrics.checks.find(c => c.id === 'engine.workload')?.status).toBe(
      'healthy',
    );

    expect(fleet.issues).toEqual([]);
    expect(fleet.deployedPrimary).toBe('us-west-1');
  });

  describeWithPrometheus('with a real Prometheus', () => {
    it('reads replication lag, p95 latency and disk use from a real Prometheus', async () => {
      const { server } = await start();
      const res = await request(server)
        .post('/api/inferadb/fleets/test-fleet/refresh')
        .set('authorization', mockCredentials.user.header())
        .send({ region: 'eu-central-1' });
      expect(res.status).toBe(200);
      const dr = region(res.body, 'eu-central-1');
      expect(source(dr, 'prometheus').ok).toBe(true);
      expect(dr.replicationLagSeconds).toBe(1.5);
      expect(dr.actuals.diskUsedPercent).toBe(60);
      expect(dr.actuals.p95LatencyMs).toBeGreaterThan(20);
      expect(dr.actuals.p95LatencyMs).toBeLessThan(50);
      expect(dr.checks.find(c => c.id === 'replication.lag')).toMatchObject({
        status: 'healthy',
        actual: 1.5,
        target: 5,
      });
      expect(dr.role).toBe('dr');
      // Ready, but a fleet without a satellite would lose its newest commits.
      expect(dr.failover).toEqual({
        applicable: true,
        ready: true,
        blockers: [],
        caveats: [
          expect.stringMatching(
            /force_recovery_with_data_loss.*primary's data center holds 5 of 9 coordinators/,
          ),
        ],
      });
      expect(dr.status).toBe('healthy');
    });
  });

  it('flags FDB priorities that make the DR region primary', async () => {
    const c = clusters['us-west-1'];
    const cr: any = c.get(
      'apps.foundationdb.org/v1beta2',
      'FoundationDBCluster',
      'inferadb',
      'inferadb-fdb-us-west-1',
    );
    const original = structuredClone(cr);
    // The seed documents' mistake: primary 1, DR 2.
    cr.status.databaseConfiguration.regions[1].datacenters[0].priority = 2;
    c.put(cr);
    try {
      const { server } = await start();
      const res = await request(server)
        .post('/api/inferadb/fleets/test-fleet/refresh')
        .set('authorization', mockCredentials.user.header())
        .send({ region: 'us-west-1' });
      const primary = region(res.body, 'us-west-1');
      expect(primary.role).toBe('dr');
      expect(primary.priority).toMatchObject({
        contradictsDeclaredRole: true,
        deployedPrimary: 'eu-central-1',
      });
      const check = primary.checks.find(x => x.id === 'topology.role')!;
      expect(check.status).toBe('degraded');
      expect(check.reason).toContain('FDB prefers the higher priority');
      expect(res.body.issues.join(' ')).toContain('eu-central-1 is primary');
    } finally {
      c.put(original);
    }
  });

  it('serves stored snapshots with ETags, 304 when unchanged, and history', async () => {
    const { server } = await start();
    const auth = mockCredentials.user.header();
    await request(server)
      .post('/api/inferadb/fleets/test-fleet/refresh')
      .set('authorization', auth)
      .send({ region: 'us-west-1' });
    const requestsBefore = clusters['us-west-1'].requests.length;

    const first = await request(server)
      .get('/api/inferadb/fleets/test-fleet/regions/us-west-1')
      .set('authorization', auth);
    expect(first.status).toBe(200);
    expect(first.body.region).toBe('us-west-1');
    const etag = first.headers.etag;
    expect(etag).toMatch(/^"[\w-]+"$/);
    const again = await request(server)
      .get('/api/inferadb/fleets/test-fleet/regions/us-west-1')
      .set('authorization', auth)
      .set('if-none-match', etag);
    expect(again.status).toBe(304);

    const fleetRes = await request(server)
      .get('/api/inferadb/fleets/test-fleet')
      .set('authorization', auth);
    expect(fleetRes.status).toBe(200);
    const fleetAgain = await request(server)
      .get('/api/inferadb/fleets/test-fleet')
      .set('authorization', auth)
      .set('if-none-match', fleetRes.headers.etag);
    expect(fleetAgain.status).toBe(304);
    // Reads never reach the clusters.
    expect(clusters['us-west-1'].requests.length).toBe(requestsBefore);

    // A collection that finds the region changed changes the snapshot and its ETag.
    clusters['us-west-1'].addFault({ status: 500 });
    await request(server)
      .post('/api/inferadb/fleets/test-fleet/refresh')
      .set('authorization', auth)
      .send({ region: 'us-west-1' });
    const changed = await request(server)
      .get('/api/inferadb/fleets/test-fleet/regions/us-west-1')
      .set('authorization', auth)
      .set('if-none-match', etag);
    expect(changed.status).toBe(200);
    expect(changed.headers.etag).not.toBe(etag);

    const history = await request(server)
      .get('/api/inferadb/fleets/test-fleet/regions/us-west-1/history?limit=10')
      .set('authorization', auth);
    expect(history.status).toBe(200);
    const body: GetRegionHistoryResponse = history.body;
    expect(body.points.length).toBeGreaterThanOrEqual(2);
    expect(
      Date.parse(body.points[body.points.length - 1].collectedAt),
    ).toBeGreaterThanOrEqual(Date.parse(body.points[0].collectedAt));

    const list = await request(server)
      .get('/api/inferadb/fleets')
      .set('authorization', auth);
    const fleets: ListFleetsResponse = list.body;
    expect(fleets.fleets.map(f => f.fleet)).toEqual(['test-fleet']);
    expect(fleets.fleets[0].regions.map(r => r.region)).toEqual(REGIONS);
  });

  it('keeps connections to a cluster open from one collection to the next', async () => {
    const { server } = await start();
    const auth = mockCredentials.user.header();
    const refresh = () =>
      request(server)
        .post('/api/inferadb/fleets/test-fleet/refresh')
        .set('authorization', auth)
        .send({ region: 'us-west-1' });
    const cluster = clusters['us-west-1'];
    const first = await refresh();
    expect(first.status).toBe(200);
    // The answer is the whole fleet, the other regions as last stored.
    expect(first.body.regions.map((r: RegionHealth) => r.region)).toEqual(
      REGIONS,
    );
    const connections = cluster.connections;
    const requests = cluster.requests.length;
    await refresh();
    await refresh();
    expect(cluster.requests.length - requests).toBeGreaterThanOrEqual(12);
    // Without keep-alive every request would open (and in production TLS-handshake) its own.
    expect(cluster.connections - connections).toBe(0);
  });

  it('takes targets from configuration only and rejects bad input with the field named', async () => {
    const { server } = await start();
    const auth = mockCredentials.user.header();
    const unknownFleet = await request(server)
      .get('/api/inferadb/fleets/nope')
      .set('authorization', auth);
    expect(unknownFleet.status).toBe(404);
    const unknownRegion = await request(server)
      .post('/api/inferadb/fleets/test-fleet/refresh')
      .set('authorization', auth)
      .send({ region: 'mars-1' });
    expect(unknownRegion.status).toBe(400);
    expect(unknownRegion.body.error.message).toContain('body.region');
    const smuggled = await request(server)
      .post('/api/inferadb/fleets/test-fleet/refresh')
      .set('authorization', auth)
      .send({ cluster: { url: 'http://169.254.169.254' } });
    expect(smuggled.status).toBe(400);
    expect(smuggled.body.error.message).toContain('cluster');
    const badLimit = await request(server)
      .get('/api/inferadb/fleets/test-fleet/regions/us-west-1/history?limit=0')
      .set('authorization', auth);
    expect(badLimit.status).toBe(400);
    expect(badLimit.body.error.message).toContain('limit');
  });

  it('reports the Tailscale mesh: devices connected to control and key expiry', async () => {
    const tailscale = await startTailscaleEmulator();
    try {
      const soon = new Date(Date.now() + 3 * 24 * 3600_000).toISOString();
      const later = new Date(Date.now() + 80 * 24 * 3600_000).toISOString();
      tailscale.addDevice({
        hostname: 'us-west-1-engine-0',
        tags: ['tag:inferadb-us-west-1'],
        connectedToControl: true,
        expires: later,
      } as any);
      tailscale.addDevice({
        hostname: 'us-west-1-engine-1',
        tags: ['tag:inferadb-us-west-1'],
        connectedToControl: false,
        keyExpiryDisabled: false,
        expires: soon,
      } as any);
      tailscale.addDevice({
        hostname: 'eu-central-1-engine-0',
        tags: ['tag:inferadb-eu-central-1'],
        connectedToControl: true,
        expires: later,
      } as any);
      const cfg: any = config();
      cfg.inferadb.tailscale = {
        baseUrl: tailscale.url,
        tailnet: '-',
        apiKey: tailscale.apiKey,
      };
      cfg.inferadb.fleets[0].regions[0].tailscaleTags = [
        'tag:inferadb-us-west-1',
      ];
      const { server } = await start([], cfg);
      const res = await request(server)
        .post('/api/inferadb/fleets/test-fleet/refresh')
        .set('authorization', mockCredentials.user.header())
        .send({ region: 'us-west-1' });
      const r = region(res.body, 'us-west-1');
      expect(source(r, 'tailscale').ok).toBe(true);
      expect(r.mesh).toMatchObject({
        devices: 2,
        connected: 1,
        keyExpiresAt: soon,
      });
      expect(r.checks.find(c => c.id === 'mesh.devices')).toMatchObject({
        status: 'degraded',
        actual: 1,
        target: 2,
      });
      expect(r.checks.find(c => c.id === 'mesh.key-expiry')).toMatchObject({
        status: 'degraded',
        target: 14,
        reason: expect.stringContaining('expires in 2.9 days'),
      });

      tailscale.addFault({ status: 500 });
      const failing = await request(server)
        .post('/api/inferadb/fleets/test-fleet/refresh')
        .set('authorization', mockCredentials.user.header())
        .send({ region: 'us-west-1' });
      const f = region(failing.body, 'us-west-1');
      expect(source(f, 'tailscale').ok).toBe(false);
      expect(f.checks.find(c => c.id === 'mesh.devices')?.status).toBe(
        'unknown',
      );
      expect(source(f, 'kubernetes').ok).toBe(true);
    } finally {
      await tailscale.close();
    }
  });

  it('lists the configured clusters by name, never their URLs or tokens', async () => {
    const { server } = await start();
    const res = await request(server)
      .get('/api/inferadb/clusters')
      .set('authorization', mockCredentials.user.header());
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      clusters: REGIONS.map(id => ({ name: `k8s-${id}` })),
    });
    for (const id of REGIONS) {
      expect(res.text).not.toContain(clusters[id].url);
      expect(res.text).not.toContain(clusters[id].token);
    }
  });

  it("finds a region's auth key by its tags and follows a rotation", async () => {
    const tailscale = await startTailscaleEmulator();
    try {
      const DAY = 86400;
      const tag = 'tag:inferadb-us-west-1';
      tailscale.addDevice({ hostname: 'us-west-1-engine-0', tags: [tag] });
      const old = tailscale.addKey({ tags: [tag], expirySeconds: 30 * DAY });
      tailscale.addKey({
        tags: ['tag:inferadb-eu-central-1'],
        expirySeconds: 2 * DAY,
      });
      const cfg: any = config();
      cfg.inferadb.tailscale = {
        baseUrl: tailscale.url,
        tailnet: '-',
        apiKey: tailscale.apiKey,
      };
      cfg.inferadb.fleets[0].regions[0].tailscaleTags = [tag];
      const { server } = await start([], cfg);
      const refresh = async () =>
        region(
          (
            await request(server)
              .post('/api/inferadb/fleets/test-fleet/refresh')
              .set('authorization', mockCredentials.user.header())
              .send({ region: 'us-west-1' })
          ).body,
          'us-west-1',
        );

      const before = await refresh();
      expect(before.mesh).toMatchObject({ keyId: old.id });
      expect(Math.round(before.mesh!.keyExpiresInDays!)).toBe(30);
      expect(before.checks.find(c => c.id === 'mesh.key-expiry')?.status).toBe(
        'healthy',
      );

      // A rotation: a new key with the region's tag, then the old one revoked.
      const rotated = tailscale.addKey({
        tags: [tag],
        expirySeconds: 90 * DAY,
      });
      const revoked = await fetch(
        `${tailscale.url}/api/v2/tailnet/-/keys/${old.id}`,
        {
          method: 'DELETE',
          headers: { authorization: `Bearer ${tailscale.apiKey}` },
        },
      );
      expect(revoked.ok).toBe(true);
      const after = await refresh();
      expect(after.mesh).toMatchObject({ keyId: rotated.id });
      expect(Math.round(after.mesh!.keyExpiresInDays!)).toBe(90);

      // Credentials that may not read keys: the devices still count, the key check says why.
      const devicesOnly = tailscale.addOAuthClient({
        scopes: ['devices:core:read'],
      });
      cfg.inferadb.tailscale = {
        baseUrl: tailscale.url,
        tailnet: '-',
        oauth: {
          clientId: devicesOnly.clientId,
          clientSecret: devicesOnly.clientSecret,
        },
      };
      const limited = await start([], cfg);
      const r = region(
        (
          await request(limited.server)
            .post('/api/inferadb/fleets/test-fleet/refresh')
            .set('authorization', mockCredentials.user.header())
            .send({ region: 'us-west-1' })
        ).body,
        'us-west-1',
      );
      expect(source(r, 'tailscale').ok).toBe(true);
      expect(r.mesh).toMatchObject({ devices: 1 });
      expect(r.checks.find(c => c.id === 'mesh.key-expiry')).toMatchObject({
        status: 'unknown',
        reason: expect.stringMatching(/auth_keys:read/),
      });
    } finally {
      await tailscale.close();
    }
  });

  it('answers 401 without credentials and 403 without the permission', async () => {
    const denied = await start([
      mockServices.permissions.factory({ result: AuthorizeResult.DENY }),
    ]);
    for (const path of [
      '/api/inferadb/fleets',
      '/api/inferadb/fleets/test-fleet',
      '/api/inferadb/fleets/test-fleet/regions/us-west-1',
      '/api/inferadb/fleets/test-fleet/regions/us-west-1/history',
      '/api/inferadb/clusters',
    ]) {
      const anonymous = await request(denied.server).get(path);
      expect(anonymous.status).toBe(401);
      const forbidden = await request(denied.server)
        .get(path)
        .set('authorization', mockCredentials.user.header());
      expect(forbidden.status).toBe(403);
    }
    expect(
      (
        await request(denied.server)
          .post('/api/inferadb/fleets/test-fleet/refresh')
          .send({})
      ).status,
    ).toBe(401);
    await denied.stop();

    // Reading allowed, refreshing not: viewers cannot make the backend call upstream.
    const readOnly = await start([
      mockServices.permissions.mock({
        authorize: async reqs =>
          reqs.map(r => ({
            result:
              (r as any).permission.name ===
              inferadbFleetHealthRefreshPermission.name
                ? AuthorizeResult.DENY
                : AuthorizeResult.ALLOW,
          })) as any,
      }).factory,
    ]);
    const auth = mockCredentials.user.header();
    expect(
      (
        await request(readOnly.server)
          .get('/api/inferadb/fleets')
          .set('authorization', auth)
      ).status,
    ).toBe(200);
    const before = clusters['us-west-1'].requests.length;
    const refresh = await request(readOnly.server)
      .post('/api/inferadb/fleets/test-fleet/refresh')
      .set('authorization', auth)
      .send({});
    expect(refresh.status).toBe(403);
    expect(clusters['us-west-1'].requests.length).toBe(before);
  });
});
