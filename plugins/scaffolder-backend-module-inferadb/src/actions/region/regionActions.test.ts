import { mkdtemp, readFile, readdir, stat } from 'fs/promises';
import { tmpdir } from 'os';
import { join } from 'path';
import { parse } from 'yaml';
import { ConfigReader } from '@backstage/config';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { initFleet } from '@inferadb-regions/plugin-inferadb-node';
import { createAddRegionAction } from './addRegion';
import { createRemoveRegionAction } from './removeRegion';

/** A workspace as fetch:plain leaves it: the deployment repository with its fleet in inferadb/. */
async function workspace() {
  const root = await mkdtemp(join(tmpdir(), 'inferadb-workspace-'));
  await initFleet(join(root, 'inferadb'), {
    name: 'inferadb-demo',
    storage: 'foundationdb',
    primary: {
      id: 'us-west-1',
      cluster: 'demo-us-west-1',
      maintenanceWindow: 'Sun 02:00-04:00 UTC',
      serviceCidr: '10.96.0.0/16',
    },
  });
  return root;
}

async function listFiles(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const entry of await readdir(dir, {
    recursive: true,
    withFileTypes: true,
  })) {
    if (entry.isFile()) {
      const full = join(entry.parentPath ?? (entry as any).path, entry.name);
      out[full.slice(dir.length + 1)] = await readFile(full, 'utf8');
    }
  }
  return out;
}

const config = new ConfigReader({
  inferadb: {
    clusters: [
      'demo-us-west-1',
      'demo-eu-central-1',
      'demo-us-east-1',
      'demo-ap-southeast-1',
    ].map(name => ({
      name,
      url: `https://${name}.example:6443`,
    })),
  },
});

function exampleInput(
  action: { examples?: { example: string }[] },
  index: number,
) {
  return parse(action.examples![index].example).steps[0].input;
}

describe('inferadb:region:add', () => {
  const action = createAddRegionAction({ config });

  it('runs its DR example on a real workspace and outputs the paths, plan and entity path', async () => {
    const workspacePath = await workspace();
    const ctx = createMockActionContext({
      input: exampleInput(action, 0),
      workspacePath,
    });
    await action.handler(ctx as any);

    const outputs = Object.fromEntries((ctx.output as jest.Mock).mock.calls);
    expect(outputs.regionEntityPath).toBe(
      'inferadb/regions/eu-central-1/catalog-info.yaml',
    );
    expect(outputs.changedPaths).toEqual(
      expect.arrayContaining([
        'inferadb/fleet.yaml',
        'inferadb/regions/eu-central-1/foundationdb-cluster.yaml',
        'inferadb/regions/us-west-1/foundationdb-cluster.yaml',
        'inferadb/tailscale/policy.hujson',
      ]),
    );
    for (const path of outputs.changedPaths) {
      await expect(stat(join(workspacePath, path))).resolves.toBeDefined();
    }
    const entity = parse(
      await readFile(join(workspacePath, outputs.regionEntityPath), 'utf8'),
    );
    expect(entity).toMatchObject({
      kind: 'Resource',
      metadata: {
        name: 'inferadb-demo-eu-central-1',
        annotations: {
          'inferadb.io/region': 'eu-central-1',
          'inferadb.io/fleet': 'inferadb-demo',
        },
      },
      spec: { type: 'inferadb-region', system: 'inferadb-demo' },
    });
    expect(outputs.plan).toContain(
      '## Add dr region eu-central-1 to fleet inferadb-demo',
    );
    expect(outputs.plan).toContain('healthy_populating_region');
    expect(outputs.plan).toContain(
      '+++ b/regions/eu-central-1/foundationdb-cluster.yaml',
    );
    const cluster = parse(
      await readFile(
        join(
          workspacePath,
          'inferadb/regions/eu-central-1/foundationdb-cluster.yaml',
        ),
        'utf8',
      ),
    );
    // The medium workload's row, raised to the operator's stateless default for two regions.
    expect(cluster.spec.processCounts).toEqual({
      storage: 5,
      log: 5,
      stateless: 10,
      cluster_controller: 1,
    });
    // Spanning two clusters now: keys for the new region and for the primary's workloads.
    expect(
      outputs.tailscaleKeys.map((k: any) => `${k.region}/${k.secretName}`),
    ).toEqual([
      'us-west-1/tailscale-auth-engine',
      'us-west-1/tailscale-auth-control',
      'us-west-1/tailscale-auth-storage',
      'us-west-1/tailscale-auth-router',
      'eu-central-1/tailscale-auth-engine',
      'eu-central-1/tailscale-auth-control',
      'eu-central-1/tailscale-auth-storage',
      'eu-central-1/tailscale-auth-router',
    ]);
    expect(outputs.tailscaleKeys[7]).toEqual({
      region: 'eu-central-1',
      cluster: 'demo-eu-central-1',
      namespace: 'inferadb',
      role: 'router',
      secretName: 'tailscale-auth-router',
      tags: ['tag:inferadb-router', 'tag:inferadb-eu-central-1'],
      ephemeral: false,
    });
    const fleet = parse(
      await readFile(join(workspacePath, 'inferadb/fleet.yaml'), 'utf8'),
    );
    expect(fleet.spec.regions[1]).toMatchObject({
      id: 'eu-central-1',
      role: 'dr',
      targets: { uptimePercent: 99.95 },
    });
  });

  it('runs its satellite example after the DR region', async () => {
    const workspacePath = await workspace();
    await action.handler(
      createMockActionContext({
        input: exampleInput(action, 0),
        workspacePath,
      }) as any,
    );
    const ctx = createMockActionContext({
      input: exampleInput(action, 1),
      workspacePath,
    });
    await action.handler(ctx as any);
    const outputs = Object.fromEntries((ctx.output as jest.Mock).mock.calls);
    expect(outputs.regionEntityPath).toBe(
      'inferadb/regions/us-east-1/catalog-info.yaml',
    );
    expect(outputs.plan).toContain('Add satellite data center us-east-1');
  });

  it('in a dry run outputs the plan and writes nothing', async () => {
    const workspacePath = await workspace();
    const before = await listFiles(workspacePath);
    const ctx = createMockActionContext({
      input: exampleInput(action, 0),
      workspacePath,
    });
    await action.handler({ ...ctx, isDryRun: true } as any);
    const outputs = Object.fromEntries((ctx.output as jest.Mock).mock.calls);
    expect(outputs.plan).toContain('## Add dr region eu-central-1');
    expect(outputs.changedPaths).toContain(
      'inferadb/regions/eu-central-1/engine-values.yaml',
    );
    expect(await listFiles(workspacePath)).toEqual(before);
  });

  it('refuses a third FoundationDB main region, naming the fix, and writes nothing', async () => {
    const workspacePath = await workspace();
    await action.handler(
      createMockActionContext({
        input: exampleInput(action, 0),
        workspacePath,
      }) as any,
    );
    const before = await listFiles(workspacePath);
    const ctx = createMockActionContext({
      input: {
        path: 'inferadb',
        id: 'ap-southeast-1',
        role: 'dr',
        cluster: 'demo-ap-southeast-1',
      },
      workspacePath,
    });
    await expect(action.handler(ctx as any)).rejects.toThrow(
      /at most two regions.*role satellite/,
    );
    expect(await listFiles(workspacePath)).toEqual(before);
  });

  it('refuses a cluster that app-config does not list, and paths outside the workspace', async () => {
    const workspacePath = await workspace();
    await expect(
      action.handler(
        createMockActionContext({
          input: {
            path: 'inferadb',
            id: 'eu-central-1',
            role: 'dr',
            cluster: 'nowhere',
          },
          workspacePath,
        }) as any,
      ),
    ).rejects.toThrow(
      'cluster: nowhere is not a Kubernetes cluster of inferadb.clusters in app-config; choose one of demo-us-west-1',
    );
    await expect(
      action.handler(
        createMockActionContext({
          input: {
            path: '../elsewhere',
            id: 'eu-central-1',
            role: 'dr',
            cluster: 'demo-eu-central-1',
          },
          workspacePath,
        }) as any,
      ),
    ).rejects.toThrow(/outside/);
  });
});

describe('inferadb:region:remove', () => {
  it('runs its example and reverses the addition', async () => {
    const add = createAddRegionAction({ config });
    const remove = createRemoveRegionAction();
    const workspacePath = await workspace();
    const before = await listFiles(workspacePath);
    const input = {
      path: 'inferadb',
      id: 'ap-southeast-1',
      role: 'replica',
      cluster: 'demo-ap-southeast-1',
    };
    await add.handler(createMockActionContext({ input, workspacePath }) as any);
    expect(exampleInput(remove, 0)).toEqual({
      path: 'inferadb',
      id: 'ap-southeast-1',
    });
    const ctx = createMockActionContext({
      input: exampleInput(remove, 0),
      workspacePath,
    });
    await remove.handler(ctx as any);
    const outputs = Object.fromEntries((ctx.output as jest.Mock).mock.calls);
    expect(outputs.changedPaths).toContain(
      'inferadb/regions/ap-southeast-1/catalog-info.yaml',
    );
    // Exactly the region's files: what the pull request must delete.
    const regionFiles = outputs.changedPaths.filter((p: string) =>
      p.startsWith('inferadb/regions/ap-southeast-1/'),
    );
    expect(regionFiles.length).toBeGreaterThan(1);
    // The primary alone needs no tailnet: its subnet router goes with the replica.
    expect(outputs.deletedPaths).toEqual([
      ...regionFiles,
      'inferadb/regions/us-west-1/tailscale-router.yaml',
    ]);
    expect(await listFiles(workspacePath)).toEqual(before);
  });
});
