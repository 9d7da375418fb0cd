import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import {
  GithubEmulator,
  KubernetesEmulator,
  startDemoRegionCluster,
} from '@internal/inferadb-emulators';
import {
  FleetHealth,
  ListFleetsResponse,
  RegionPendingResponse,
} from '@inferadb-regions/plugin-inferadb-common';
import request from 'supertest';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { inferadbPlugin } from './plugin';
import { clusterEntry } from './__testUtils__/regionFixture';

jest.setTimeout(60_000);

const fleetFile = (regions: string) => `apiVersion: inferadb.io/v1alpha1
kind: Fleet
metadata:
  name: file-fleet
spec:
  storage:
    type: foundationdb
  regions:
    - id: us-west-1
      role: primary
      cluster: k8s-us-west-1
      serviceCidr: 10.96.0.0/16
      targets:
        p95LatencyMs: 40
${regions}`;

const SATELLITE = `    - id: us-east-1
      role: satellite
      cluster: k8s-us-east-1
      serviceCidr: 10.98.0.0/16
`;

describe('fleets read from their fleet files', () => {
  let github: GithubEmulator;
  const clusters: Record<string, KubernetesEmulator> = {};

  beforeAll(async () => {
    for (const id of ['us-west-1', 'us-east-1']) {
      clusters[id] = await startDemoRegionCluster(id);
    }
  });
  afterAll(async () => {
    for (const c of Object.values(clusters)) await c.close();
  });
  beforeEach(async () => {
    github = await GithubEmulator.start();
    await github.createRepository('acme', 'deploy', {
      files: { 'fleet.yaml': fleetFile('') },
    });
  });
  afterEach(async () => {
    for (const c of Object.values(clusters)) c.clearFaults();
    await github.stop();
  });

  const url = () => github.htmlUrl('acme', 'deploy', 'main', 'fleet.yaml');

  async function start(sourceTimeoutMs = 1500) {
    return startTestBackend({
      features: [
        inferadbPlugin,
        // A catalog naming no fleet System: the fleet comes from app-config's fleetFile.
        catalogServiceMock.factory({ entities: [] }),
        mockServices.rootConfig.factory({
          data: {
            integrations: { github: [github.integrationConfig()] },
            inferadb: {
              clusters: Object.entries(clusters).map(([id, c]) =>
                clusterEntry(`k8s-${id}`, c),
              ),
              // Only where the file is: every fact of the fleet is in it.
              fleets: [{ fleetFile: url() }],
              health: {
                sourceTimeout: { milliseconds: sourceTimeoutMs },
                refreshInterval: { minutes: 10 },
              },
            },
          },
        }),
      ],
    });
  }

  const auth = mockCredentials.user.header();

  it('collects a region merged into the file at the next collection, and drops a removed one', async () => {
    const { server } = await start();
    const refresh = () =>
      request(server)
        .post('/api/inferadb/fleets/file-fleet/refresh')
        .set('authorization', auth)
        .send({});
    const before: FleetHealth = (await refresh()).body;
    expect(before.regions.map(r => r.region)).toEqual(['us-west-1']);
    expect(before.regions[0].targets.p95LatencyMs).toBe(40);
    expect(before.fleetFile).toEqual({ url: url() });

    await github.pushFiles('acme', 'deploy', {
      'fleet.yaml': fleetFile(SATELLITE),
    });
    const grown: FleetHealth = (await refresh()).body;
    expect(grown.regions.map(r => [r.region, r.declaredRole])).toEqual([
      ['us-west-1', 'primary'],
      ['us-east-1', 'satellite'],
    ]);

    await github.pushFiles('acme', 'deploy', { 'fleet.yaml': fleetFile('') });
    const shrunk: FleetHealth = (await refresh()).body;
    expect(shrunk.regions.map(r => r.region)).toEqual(['us-west-1']);
    const gone = await request(server)
      .get('/api/inferadb/fleets/file-fleet/regions/us-east-1')
      .set('authorization', auth);
    expect(gone.status).toBe(404);
  });

  it('shows a broken file with its URL and line, and keeps collecting the last good fleet', async () => {
    const { server } = await start();
    await request(server)
      .post('/api/inferadb/fleets/file-fleet/refresh')
      .set('authorization', auth)
      .send({});
    await github.pushFiles('acme', 'deploy', {
      'fleet.yaml': fleetFile(SATELLITE.replace('satellite', 'leader')),
    });
    const res = await request(server)
      .post('/api/inferadb/fleets/file-fleet/refresh')
      .set('authorization', auth)
      .send({});
    const fleet: FleetHealth = res.body;
    expect(fleet.regions.map(r => r.region)).toEqual(['us-west-1']);
    expect(fleet.fleetFile).toEqual({
      url: url(),
      error: {
        field: 'spec.regions[1].role',
        line: 16,
        message:
          'spec.regions[1].role: role must be one of primary, dr, satellite, replica',
      },
    });
    const list: ListFleetsResponse = (
      await request(server)
        .get('/api/inferadb/fleets')
        .set('authorization', auth)
    ).body;
    expect(list.fleets[0].fleetFile?.error?.line).toBe(16);
  });

  it('tells apart an unknown fleet, a region not in the fleet and one not collected yet', async () => {
    const { server } = await start();
    const get = (path: string) =>
      request(server).get(`/api/inferadb${path}`).set('authorization', auth);
    await github.pushFiles('acme', 'deploy', {
      'fleet.yaml': fleetFile(SATELLITE),
    });
    // Collecting one region reads the file again: us-east-1 is in the fleet, not collected.
    await request(server)
      .post('/api/inferadb/fleets/file-fleet/refresh')
      .set('authorization', auth)
      .send({ region: 'us-west-1' });

    const pending = await get('/fleets/file-fleet/regions/us-east-1');
    expect(pending.status).toBe(202);
    expect(Number(pending.headers['retry-after'])).toBeGreaterThan(0);
    const body: RegionPendingResponse = pending.body;
    expect(body).toMatchObject({
      fleet: 'file-fleet',
      region: 'us-east-1',
      collected: false,
      retryAfterSeconds: Number(pending.headers['retry-after']),
    });
    expect((await get('/fleets/file-fleet/regions/us-west-1')).status).toBe(
      200,
    );

    const notInFleet = await get('/fleets/file-fleet/regions/eu-central-1');
    expect(notInFleet.status).toBe(404);
    expect(notInFleet.body.error.message).toBe(
      "fleet 'file-fleet' has no region 'eu-central-1'; its regions are us-west-1, us-east-1",
    );

    const unknown = await get('/fleets/other/regions/us-west-1');
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.message).toMatch(
      /^no fleet named 'other': the backend collects 'file-fleet'/,
    );
  });
});
