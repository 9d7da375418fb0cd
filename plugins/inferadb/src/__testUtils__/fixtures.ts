import {
  FleetHealth,
  GetRegionHistoryResponse,
  RegionHealth,
} from '@inferadb-regions/plugin-inferadb-common';
import { InferadbApi } from '../api';

const collectedAt = '2026-11-22T06:00:00.000Z';

/** A region of the demo fleet, healthy unless overridden. */
export function makeRegion(
  overrides: Partial<RegionHealth> & { region: string },
): RegionHealth {
  return {
    fleet: 'inferadb-demo',
    storage: 'foundationdb',
    declaredRole: 'replica',
    role: 'replica',
    status: 'healthy',
    summary: 'All checks pass',
    checks: [
      {
        id: 'engine.ready',
        label: 'Engine ready',
        component: 'engine',
        status: 'healthy',
        actual: 3,
        target: 3,
        source: 'kubernetes',
      },
      {
        id: 'control.ready',
        label: 'Control ready',
        component: 'control',
        status: 'healthy',
        source: 'kubernetes',
      },
      {
        id: 'storage.available',
        label: 'Storage available',
        component: 'storage',
        status: 'healthy',
        source: 'kubernetes',
      },
      {
        id: 'mesh.connected',
        label: 'Mesh connected',
        component: 'mesh',
        status: 'healthy',
        source: 'tailscale',
      },
      {
        id: 'replication.lag',
        label: 'Replication lag',
        component: 'replication',
        status: 'healthy',
        actual: 0.4,
        target: 5,
        unit: 's',
        source: 'prometheus',
      },
    ],
    sources: [
      { source: 'kubernetes', ok: true, durationMs: 12 },
      { source: 'prometheus', ok: true, durationMs: 8 },
      { source: 'tailscale', ok: true, durationMs: 5 },
    ],
    workloads: [
      {
        component: 'engine',
        kind: 'Deployment',
        name: 'inferadb-engine',
        desired: 3,
        ready: 3,
        restarts: 0,
        sidecarReady: 3,
        sidecarTotal: 3,
      },
    ],
    services: [{ service: 'engine', status: 'healthy', version: '1.4.2' }],
    foundationdb: {
      clusterName: 'inferadb-fdb',
      available: true,
      healthy: true,
      regions: [],
      coordinators: { total: 3, desired: 3, here: 3, unreachableHere: 0 },
    },
    mesh: {
      devices: 3,
      connected: 3,
      keyExpiresAt: '2027-02-01T00:00:00Z',
      keyExpiresInDays: 71,
    },
    replicationLagSeconds: 0.4,
    failover: { applicable: false, ready: null, blockers: [] },
    targets: {
      replicationLagSeconds: 5,
      p95LatencyMs: 50,
      uptimePercent: 99.95,
    },
    actuals: {
      p95LatencyMs: 21,
      uptimePercent: 99.99,
      uptimeSince: '2026-11-21T06:00:00Z',
      replicationLagSeconds: 0.4,
    },
    maintenanceWindow: { spec: 'Sun 02:00-04:00 UTC', active: false },
    collectedAt,
    durationMs: 40,
    ...overrides,
  };
}

/** The demo fleet: us-west-1 primary, eu-central-1 DR, ap-southeast-1 read replica. */
export function makeFleet(overrides: Partial<FleetHealth> = {}): FleetHealth {
  return {
    fleet: 'inferadb-demo',
    storage: 'foundationdb',
    status: 'healthy',
    declaredPrimary: 'us-west-1',
    deployedPrimary: 'us-west-1',
    issues: [],
    regions: [
      makeRegion({
        region: 'us-west-1',
        declaredRole: 'primary',
        role: 'primary',
        replicationLagSeconds: null,
      }),
      makeRegion({
        region: 'eu-central-1',
        declaredRole: 'dr',
        role: 'dr',
        replicationLagSeconds: 1.2,
        failover: { applicable: true, ready: true, blockers: [] },
      }),
      makeRegion({
        region: 'ap-southeast-1',
        declaredRole: 'replica',
        role: 'replica',
        replicationLagSeconds: 2.5,
      }),
    ],
    collectedAt,
    ...overrides,
  };
}

/** The demo fleet with eu-central-1 critical: storage down and Prometheus unreachable. */
export function makeUnhealthyFleet(): FleetHealth {
  const fleet = makeFleet({ status: 'critical' });
  fleet.regions[1] = makeRegion({
    region: 'eu-central-1',
    declaredRole: 'dr',
    role: 'dr',
    status: 'critical',
    summary: 'Storage unavailable',
    replicationLagSeconds: null,
    checks: [
      {
        id: 'storage.available',
        label: 'Storage available',
        component: 'storage',
        status: 'critical',
        reason: 'FoundationDB reports the database unavailable',
        source: 'kubernetes',
      },
      {
        id: 'replication.lag',
        label: 'Replication lag',
        component: 'replication',
        status: 'unknown',
        reason: 'no reading',
        source: 'prometheus',
      },
    ],
    sources: [
      { source: 'kubernetes', ok: true, durationMs: 10 },
      {
        source: 'prometheus',
        ok: false,
        error: 'timed out after 5000 ms',
        timedOut: true,
        durationMs: 5000,
      },
    ],
    failover: {
      applicable: true,
      ready: false,
      blockers: ['Storage is unavailable in eu-central-1'],
    },
  });
  return fleet;
}

export function makeHistory(region = 'eu-central-1'): GetRegionHistoryResponse {
  return {
    fleet: 'inferadb-demo',
    region,
    points: [0.5, 0.8, 1.1, null, 1.2].map((lag, i) => ({
      collectedAt: new Date(
        Date.parse(collectedAt) - (4 - i) * 30_000,
      ).toISOString(),
      status: 'healthy' as const,
      replicationLagSeconds: lag,
      p95LatencyMs: 20,
      diskUsedPercent: 40,
      failingChecks: [],
    })),
  };
}

/** A jest-mocked API client answering with the demo fleet. */
export function mockInferadbApi(
  fleet: FleetHealth = makeFleet(),
): jest.Mocked<InferadbApi> {
  return {
    listFleets: jest.fn(async () => ({
      fleets: [
        {
          fleet: fleet.fleet,
          storage: fleet.storage,
          status: fleet.status,
          regions: fleet.regions.map(r => ({
            region: r.region,
            declaredRole: r.declaredRole,
            status: r.status,
          })),
          collectedAt: fleet.collectedAt,
        },
      ],
    })),
    getFleetHealth: jest.fn(async (_fleet: string) => fleet),
    getRegionHealth: jest.fn(async (_f: string, region: string) => {
      const found = fleet.regions.find(r => r.region === region);
      if (!found)
        throw Object.assign(new Error('not found'), {
          response: { status: 404 },
        });
      return found;
    }),
    getRegionHistory: jest.fn(async (_f: string, region: string) =>
      makeHistory(region),
    ),
    refreshFleet: jest.fn(async (_fleet: string, _region?: string) => fleet),
    listClusters: jest.fn(async () => ({
      clusters: [{ name: 'k8s-us-west-1' }, { name: 'k8s-us-east-1' }],
    })),
  };
}
