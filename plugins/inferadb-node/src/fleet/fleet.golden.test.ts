import { promises as fs } from 'fs';
import { join } from 'path';
import { parseAllDocuments } from 'yaml';
import {
  addRegion,
  initFleet,
  removeRegion,
  renderFleetDirectory,
  validateFleetDirectory,
} from './operations';
import { foundationDbClusterValidator } from './__testdata__/fdbCrd';
import {
  expectMatchesGolden,
  readTextTree,
  tempDir,
} from './__testdata__/tree';

const SEED =
  'inferadb_demo:Xq3cQ8fA@10.10.1.11:4501,10.10.1.12:4501,10.10.1.13:4501';
const validateCluster = foundationDbClusterValidator();

function documents(text: string) {
  const docs = parseAllDocuments(text);
  for (const doc of docs) {
    expect(doc.errors).toEqual([]);
  }
  return docs.map(d => d.toJS());
}

/** Parses every generated file and checks each FoundationDBCluster against the CRD. */
async function checkFiles(dir: string) {
  const tree = await readTextTree(dir);
  const clusters: any[] = [];
  for (const [path, text] of Object.entries(tree)) {
    if (path.endsWith('.hujson')) {
      expect(() => JSON.parse(text.replace(/^\/\/.*$/gm, ''))).not.toThrow();
      continue;
    }
    for (const doc of documents(text)) {
      if (doc?.kind === 'FoundationDBCluster') {
        expect({ path, errors: validateCluster(doc) }).toEqual({
          path,
          errors: [],
        });
        clusters.push(doc);
      }
    }
    // Only a reference to the Tailscale key's Secret, never a key.
    expect(text).not.toMatch(/tskey-/);
  }
  return { tree, clusters };
}

async function fdbFleetOfOne() {
  const dir = await tempDir();
  await initFleet(dir, {
    name: 'inferadb-demo',
    storage: 'foundationdb',
    primary: {
      id: 'us-west-1',
      cluster: 'demo-us-west-1',
      provider: 'aws',
      maintenanceWindow: 'Sun 02:00-04:00 UTC',
      serviceCidr: '10.96.0.0/16',
      targets: {
        p95LatencyMs: 50,
        replicationLagSeconds: 5,
        failoverSeconds: 60,
        uptimePercent: 99.95,
      },
    },
  });
  return dir;
}

describe('a FoundationDB fleet grown from one region to three, then back', () => {
  it('renders one region, adds a DR region, then a satellite, then removes both', async () => {
    const dir = await fdbFleetOfOne();
    const one = await checkFiles(dir);
    expect(one.clusters).toHaveLength(1);
    expect(one.clusters[0].spec.databaseConfiguration).toEqual({
      redundancy_mode: 'double',
      storage_engine: 'ssd-2',
      usable_regions: 1,
      regions: [{ datacenters: [{ id: 'us-west-1', priority: 1 }] }],
    });
    expect(one.clusters[0].spec).not.toHaveProperty('seedConnectionString');
    await expectMatchesGolden(dir, 'foundationdb-1-region');

    const dr = await addRegion(dir, {
      region: {
        id: 'eu-central-1',
        role: 'dr',
        cluster: 'demo-eu-central-1',
        provider: 'aws',
        maintenanceWindow: 'Sun 10:00-12:00 UTC',
        serviceCidr: '10.97.0.0/16',
      },
      seedConnectionString: SEED,
    });
    expect(dr.warnings).toEqual([]);
    expect(dr.regionEntityPath).toBe('regions/eu-central-1/catalog-info.yaml');
    const two = await checkFiles(dir);
    expect(two.clusters.map(c => c.spec.dataCenter)).toEqual([
      'eu-central-1',
      'us-west-1',
    ]);
    for (const cluster of two.clusters) {
      const config = cluster.spec.databaseConfiguration;
      // Fearless DR: both regions usable; FDB prefers the HIGHER priority, so the primary's is higher.
      expect(config.usable_regions).toBe(2);
      expect(config.regions.map((r: any) => r.datacenters[0])).toEqual([
        { id: 'us-west-1', priority: 1 },
        { id: 'eu-central-1', priority: 0 },
      ]);
      expect(cluster.spec.processCounts.cluster_controller).toBe(1);
      expect(cluster.spec.processGroupIDPrefix).toBe(cluster.spec.dataCenter);
    }
    expect(two.clusters[0].spec.databaseConfiguration).toEqual(
      two.clusters[1].spec.databaseConfiguration,
    );
    const byDc = Object.fromEntries(
      two.clusters.map(c => [c.spec.dataCenter, c.spec]),
    );
    expect(byDc['us-west-1'].seedConnectionString).toBeUndefined();
    expect(byDc['eu-central-1'].seedConnectionString).toBe(SEED);
    // The existing region's peers and cluster changed too.
    expect(dr.changedPaths).toEqual(
      expect.arrayContaining([
        'regions/us-west-1/foundationdb-cluster.yaml',
        'regions/us-west-1/engine-values.yaml',
        'regions/us-west-1/tailscale-router.yaml',
        'tailscale/policy.hujson',
      ]),
    );
    // Spanning two clusters, the primary's Engine joins the tailnet with its own key.
    const engine = documents(
      two.tree['regions/us-west-1/engine-values.yaml'],
    )[0];
    expect(engine.initContainers).toHaveLength(1);
    expect(engine.initContainers[0]).toMatchObject({
      name: 'tailscale',
      restartPolicy: 'Always',
    });
    expect(engine.initContainers[0].env).toContainEqual({
      name: 'TS_AUTHKEY',
      valueFrom: {
        secretKeyRef: { name: 'tailscale-auth-engine', key: 'authkey' },
      },
    });
    const router = documents(
      two.tree['regions/eu-central-1/tailscale-router.yaml'],
    );
    expect(router.map(d => d.kind)).toEqual([
      'ServiceAccount',
      'Role',
      'RoleBinding',
      'StatefulSet',
    ]);
    expect(router[3].spec.template.spec.containers[0].env).toContainEqual({
      name: 'TS_ROUTES',
      value: '10.97.0.0/16',
    });
    const policy = JSON.parse(
      two.tree['tailscale/policy.hujson'].replace(/^\/\/.*$/gm, ''),
    );
    expect(policy.autoApprovers.routes).toEqual({
      '10.96.0.0/16': ['tag:inferadb-router'],
      '10.97.0.0/16': ['tag:inferadb-router'],
    });
    expect(policy.tagOwners['tag:inferadb-eu-central-1']).toEqual([
      'tag:inferadb',
    ]);
    const titles = dr.plan.stages.map(s => s.title);
    expect(titles).toEqual([
      'Create data center eu-central-1',
      'Add region eu-central-1 with priority -1',
      'Set `usable_regions: 2` and wait for data movement',
      "Raise eu-central-1's priority to 0",
    ]);
    const md = dr.plan.markdown;
    expect(md.indexOf('healthy_populating_region')).toBeGreaterThan(0);
    expect(md.indexOf('healthy_populating_region')).toBeLessThan(
      md.indexOf('reaches `healthy`'),
    );
    expect(md).toContain(
      '+++ b/regions/eu-central-1/foundationdb-cluster.yaml',
    );
    expect(md).toContain('--- a/regions/us-west-1/foundationdb-cluster.yaml');
    await expectMatchesGolden(dir, 'foundationdb-2-regions');

    const satellite = await addRegion(dir, {
      region: {
        id: 'us-east-1',
        role: 'satellite',
        cluster: 'demo-us-east-1',
        maintenanceWindow: 'Sat 02:00-04:00 UTC',
        serviceCidr: '10.98.0.0/16',
      },
    });
    const three = await checkFiles(dir);
    expect(three.clusters).toHaveLength(3);
    for (const cluster of three.clusters) {
      const config = cluster.spec.databaseConfiguration;
      expect(config.regions).toHaveLength(2); // never a third FDB region
      for (const region of config.regions) {
        expect(region.datacenters).toContainEqual({
          id: 'us-east-1',
          satellite: 1,
          priority: 1,
        });
        expect(region).toMatchObject({
          satellite_logs: 3,
          satellite_redundancy_mode: 'one_satellite_double',
        });
      }
    }
    const sat = three.clusters.find(c => c.spec.dataCenter === 'us-east-1');
    // The operator's default for a satellite: satellite_logs + 1.
    expect(sat.spec.processCounts).toEqual({
      storage: -1,
      stateless: -1,
      cluster_controller: -1,
      log: 4,
    });
    const main = three.clusters.find(c => c.spec.dataCenter === 'us-west-1');
    // Never below the operator's defaults for double with two usable regions.
    expect(main.spec.processCounts).toEqual({
      storage: 3,
      log: 4,
      stateless: 10,
      cluster_controller: 1,
    });
    expect(sat.spec.seedConnectionString).toBe(SEED);
    expect(
      new Set(three.clusters.map(c => c.spec.processGroupIDPrefix)).size,
    ).toBe(3);
    expect(satellite.plan.stages.map(s => s.title)).toEqual([
      'Add satellite data center us-east-1',
    ]);
    await expectMatchesGolden(dir, 'foundationdb-3-regions');
    expect((await validateFleetDirectory(dir)).problems).toEqual([]);

    await removeRegion(dir, 'us-east-1');
    const back = await readTextTree(dir);
    const golden2 = await readTextTree(
      join(__dirname, '__testdata__', 'golden', 'foundationdb-2-regions'),
    );
    expect(back).toEqual(golden2);

    const removal = await removeRegion(dir, 'eu-central-1');
    expect(removal.plan.stages.map(s => s.title)).toEqual([
      'Stop eu-central-1 from ever becoming primary',
      'Go down to one usable region',
      'Remove region eu-central-1 from `regions`',
    ]);
    const final = await checkFiles(dir);
    const golden1 = await readTextTree(
      join(__dirname, '__testdata__', 'golden', 'foundationdb-1-region'),
    );
    // Everything but fleet.yaml (which keeps the recorded seed) is back to the one-region files.
    const { ['fleet.yaml']: fleetNow, ...restNow } = final.tree;
    const { ['fleet.yaml']: fleetThen, ...restThen } = golden1;
    expect(restNow).toEqual(restThen);
    expect(fleetNow).toBe(
      `${fleetThen
        .trimEnd()
        .replace(
          'type: foundationdb',
          `type: foundationdb\n    seedConnectionString: ${SEED}`,
        )}\n`,
    );
    expect(await fs.readdir(join(dir, 'regions'))).toEqual(['us-west-1']);
  });

  it('renders the same bytes again (render is idempotent)', async () => {
    const dir = await fdbFleetOfOne();
    const result = await renderFleetDirectory(dir);
    expect(result.changedPaths).toEqual([]);
    expect(result.plan.markdown).toContain('Nothing to change');
  });
});

describe('a three-region Ledger fleet', () => {
  it('renders one Raft cluster per region and every peer list', async () => {
    const dir = await tempDir();
    await initFleet(dir, {
      name: 'inferadb-ledger',
      storage: 'ledger',
      primary: {
        id: 'us-west-1',
        cluster: 'prod-us-west-1',
        provider: 'gcp',
        maintenanceWindow: 'Sun 02:00-04:00 UTC',
      },
    });
    await addRegion(dir, {
      region: {
        id: 'eu-central-1',
        role: 'dr',
        cluster: 'prod-eu-central-1',
        maintenanceWindow: 'Sun 10:00-12:00 UTC',
      },
    });
    const last = await addRegion(dir, {
      region: {
        id: 'ap-southeast-1',
        role: 'replica',
        cluster: 'prod-ap-southeast-1',
        workload: 'medium',
        maintenanceWindow: 'Sun 18:00-20:00 UTC',
        targets: { p95LatencyMs: 80 },
      },
    });
    expect(last.plan.stages).toEqual([]);
    const { tree, clusters } = await checkFiles(dir);
    expect(clusters).toEqual([]);
    for (const region of ['us-west-1', 'eu-central-1', 'ap-southeast-1']) {
      const [sts] = documents(
        tree[`regions/${region}/ledger-statefulset.yaml`],
      );
      const ledger = sts.spec.template.spec.containers.find(
        (c: any) => c.name === 'ledger',
      );
      // Ledger serves ledger.v1.HealthService, not grpc.health.v1: probes are TCP on 50051.
      expect(ledger.readinessProbe.tcpSocket).toEqual({ port: 'grpc' });
      expect(ledger.ports).toContainEqual({
        name: 'grpc',
        containerPort: 50051,
        protocol: 'TCP',
      });
      expect(sts.spec.replicas).toBe(region === 'ap-southeast-1' ? 5 : 3);
      const services = documents(
        tree[`regions/${region}/ledger-services.yaml`],
      );
      expect(services.map((s: any) => s.spec.clusterIP ?? 'ClusterIP')).toEqual(
        ['None', 'ClusterIP'],
      );
      const [engine] = documents(tree[`regions/${region}/engine-values.yaml`]);
      expect(engine.config).toEqual({
        storage: 'ledger',
        ledger: {
          endpoint: 'http://inferadb-ledger.inferadb.svc.cluster.local:50051',
        },
      });
      // Every region has its own Raft cluster: nothing crosses the tailnet.
      expect(engine).not.toHaveProperty('initContainers');
      expect(sts.spec.template.spec.containers.map((c: any) => c.name)).toEqual(
        ['ledger'],
      );
    }
    const policy = JSON.parse(
      tree['tailscale/policy.hujson'].replace(/^\/\/.*$/gm, ''),
    );
    expect(policy.acls).toEqual([]);
    await expectMatchesGolden(dir, 'ledger-3-regions');
  });
});

describe('a Ledger replica without a regional cluster', () => {
  it("reaches the primary's Ledger pods across the mesh by their device names", async () => {
    const dir = await tempDir();
    await initFleet(dir, {
      name: 'f',
      storage: 'ledger',
      primary: { id: 'us-west-1', cluster: 'k1' },
    });
    const fleetPath = join(dir, 'fleet.yaml');
    await fs.writeFile(
      fleetPath,
      (
        await fs.readFile(fleetPath, 'utf8')
      ).replace(
        '    type: ledger',
        '    type: ledger\n  tailscale:\n    dnsSuffix: tail1234.ts.net',
      ),
    );
    await renderFleetDirectory(dir);
    const result = await addRegion(dir, {
      region: {
        id: 'ap-southeast-1',
        role: 'replica',
        cluster: 'k2',
        regionalStorage: false,
      },
    });
    expect(result.changedPaths).not.toContain(
      'regions/ap-southeast-1/ledger-statefulset.yaml',
    );
    const { tree } = await checkFiles(dir);
    const [engine] = documents(
      tree['regions/ap-southeast-1/engine-values.yaml'],
    );
    expect(engine.config.ledger.endpoint).toBe(
      'http://inferadb-ledger-0-us-west-1.tail1234.ts.net:50051',
    );
    expect(engine.initContainers[0].env).toContainEqual({
      name: 'TS_AUTHKEY',
      valueFrom: {
        secretKeyRef: { name: 'tailscale-auth-engine', key: 'authkey' },
      },
    });
    // The primary's Ledger pods join the tailnet as stable devices, state in per-pod Secrets.
    const [sts] = documents(tree['regions/us-west-1/ledger-statefulset.yaml']);
    const sidecar = sts.spec.template.spec.containers.find(
      (c: any) => c.name === 'tailscale',
    );
    expect(sidecar.env).toContainEqual({
      name: 'TS_KUBE_SECRET',
      value: '$(POD_NAME)',
    });
    expect(sidecar.env).toContainEqual({
      name: 'TS_HOSTNAME',
      value: '$(POD_NAME)-us-west-1',
    });
    expect(sts.spec.template.spec.serviceAccountName).toBe('inferadb-ledger');
    const rbac = documents(
      tree['regions/us-west-1/ledger-tailscale-rbac.yaml'],
    );
    expect(rbac[1].rules[1].resourceNames).toEqual([
      'inferadb-ledger-0',
      'inferadb-ledger-1',
      'inferadb-ledger-2',
    ]);
    const policy = JSON.parse(
      tree['tailscale/policy.hujson'].replace(/^\/\/.*$/gm, ''),
    );
    expect(policy.acls).toEqual([
      {
        action: 'accept',
        src: ['tag:inferadb-engine', 'tag:inferadb-control'],
        dst: ['tag:ledger:50051'],
      },
    ]);
    expect(policy.tests).toContainEqual({
      src: 'tag:ledger',
      deny: ['tag:ledger:50051'],
    });
  });
});
