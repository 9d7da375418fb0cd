import {
  GithubEmulator,
  KubernetesEmulator,
  startKubernetesEmulator,
  startTailscaleEmulator,
  TailscaleEmulator,
} from '@internal/inferadb-emulators';
import { ConfigReader } from '@backstage/config';
import {
  AuthKeySecret,
  AuthKeySecretStore,
  KubernetesClusters,
} from '@inferadb-regions/plugin-inferadb-node';
import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { parse } from 'yaml';
import {
  DEMO_FLEET,
  TEMPLATE_CLUSTERS,
  writeDemoDeploymentRepository,
} from './__testUtils__/deploymentRepository';
import { Portal, startPortal } from './__testUtils__/portal';

const exec = promisify(execFile);

// A whole backend starts and runs the template against three emulators.
jest.setTimeout(180_000);

const REPO_ROOT = path.resolve(__dirname, '../../../..');
const TEMPLATE_REF = 'template:default/inferadb-new-region';
const OWNER = 'inferadb';
const REPO = 'inferadb-demo-deploy';
const CLI = path.join(REPO_ROOT, 'plugins/inferadb-node/bin/inferadb-regions');

describe('region templates (new region, remove region, key rotation), end to end', () => {
  let github: GithubEmulator;
  let kubernetes: KubernetesEmulator;
  let tailscale: TailscaleEmulator;
  let portal: Portal;
  let tmp: string;

  // No storage and no repository: the template reads both from the fleet's file.
  const values = (overrides: Record<string, unknown>) => ({
    fleet: `system:default/${DEMO_FLEET.name}`,
    namespace: 'inferadb',
    workload: 'small',
    ...overrides,
  });

  /** What a failed run must not have left anywhere. */
  const expectNothingLeftFor = async (regionId: string, namespace: string) => {
    expect(await github.branches(OWNER, REPO)).not.toContain(
      `inferadb/add-region-${regionId}`,
    );
    expect(
      github.pullRequests(OWNER, REPO).filter(p => p.head.endsWith(regionId)),
    ).toEqual([]);
    expect(
      tailscale.keys().filter(k => k.description?.includes(regionId)),
    ).toEqual([]);
    for (const role of ['engine', 'control', 'storage', 'router']) {
      expect(
        kubernetes.get('v1', 'Secret', namespace, `tailscale-auth-${role}`),
      ).toBeUndefined();
    }
    expect(
      (await portal.locations()).filter(l =>
        l.target.includes(`/regions/${regionId}/`),
      ),
    ).toEqual([]);
  };

  beforeAll(async () => {
    tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'new-region-e2e-'));
    github = await GithubEmulator.start();
    kubernetes = await startKubernetesEmulator();
    tailscale = await startTailscaleEmulator();
    const seed = await writeDemoDeploymentRepository();
    await github.createRepository(OWNER, REPO, { fromDirectory: seed });
    await fs.rm(seed, { recursive: true, force: true });

    portal = await startPortal({
      config: {
        integrations: { github: [github.integrationConfig()] },
        inferadb: {
          // Every cluster the form offers is served by the one emulated API server.
          clusters: TEMPLATE_CLUSTERS.map(name => ({
            name,
            url: kubernetes.url,
            serviceAccountToken: kubernetes.token,
            skipTLSVerify: true,
          })),
          tailscale: {
            tailnet: '-',
            baseUrl: tailscale.url,
            apiKey: tailscale.apiKey,
          },
        },
      },
      templateLocations: [path.join(REPO_ROOT, 'templates/all.yaml')],
    });
    // The fleet's System, as `inferadb-regions init` rendered it beside fleet.yaml.
    await portal.register(
      github.htmlUrl(OWNER, REPO, 'main', 'catalog-info.yaml'),
    );
    if (!(await portal.waitForEntity(`system:default/${DEMO_FLEET.name}`))) {
      throw new Error('The catalog never served the fleet System');
    }
    if (!(await portal.waitForEntity(TEMPLATE_REF))) {
      throw new Error(
        `The catalog never served ${TEMPLATE_REF} from templates/all.yaml`,
      );
    }
  });

  afterAll(async () => {
    await portal?.stop();
    await github?.stop();
    await kubernetes?.close();
    await tailscale?.close();
    await fs.rm(tmp, { recursive: true, force: true });
  });

  it('dry run shows the plan and touches nothing', async () => {
    const template = parse(
      await fs.readFile(
        path.join(REPO_ROOT, 'templates/new-region/template.yaml'),
        'utf8',
      ),
    );
    const githubWrites = () =>
      github.requests.filter(r => r.method !== 'GET' && r.method !== 'HEAD')
        .length;
    const before = {
      github: githubWrites(),
      keys: tailscale.keys().length,
      kubernetes: kubernetes.requests.length,
      locations: (await portal.locations()).length,
    };
    const res = await portal.dryRun(
      template,
      values({
        regionId: 'sa-east-1',
        role: 'satellite',
        cluster: 'demo-sa-east-1',
        serviceCidr: '10.99.0.0/16',
      }),
    );
    expect(res.status).toBe(200);
    const plan = res.body.output.text.find(
      (t: any) => t.title === 'Plan',
    ).content;
    expect(plan).toContain('sa-east-1');
    expect(plan).toContain('regions/sa-east-1/foundationdb-cluster.yaml');
    expect(githubWrites()).toBe(before.github);
    expect(tailscale.keys()).toHaveLength(before.keys);
    expect(kubernetes.requests.filter(r => r.method !== 'GET')).toHaveLength(0);
    expect(await portal.locations()).toHaveLength(before.locations);
    expect(await github.branches(OWNER, REPO)).toEqual(['main']);
  });

  it('adds a satellite region: pull request with the plan, valid branch, Secret, catalog entity', async () => {
    const result = await portal.runTemplate(
      TEMPLATE_REF,
      values({
        regionId: 'us-east-1',
        role: 'satellite',
        cluster: 'demo-us-east-1',
        serviceCidr: '10.99.0.0/16',
        maintenanceWindow: 'Sat 02:00-04:00 UTC',
      }),
    );
    expect({
      status: result.status,
      log: result.status === 'completed' ? [] : result.log,
    }).toEqual({
      status: 'completed',
      log: [],
    });

    // The pull request: on its own branch, its body the plan the task shows.
    const [pull] = github.pullRequests(OWNER, REPO);
    expect(pull).toMatchObject({
      head: 'inferadb/add-region-us-east-1',
      base: 'main',
      state: 'open',
      title: `Add satellite region us-east-1 to ${DEMO_FLEET.name}`,
    });
    const plan = result.output.text.find(
      (t: any) => t.title === 'Plan',
    ).content;
    expect(pull.body).toBe(plan);
    expect(pull.body).toContain('Add satellite data center us-east-1');
    expect(result.output.links).toEqual([
      expect.objectContaining({
        url: `${github.urls.web}/${OWNER}/${REPO}/pull/${pull.number}`,
      }),
    ]);
    // The region's entity exists only after the merge: text, not a link to "not found".
    expect(
      result.output.text.find((t: any) => t.title === 'Region in the catalog')
        .content,
    ).toContain(`resource:default/${DEMO_FLEET.name}-us-east-1`);

    // The branch, cloned with git, passes the deployment repository's own CI check.
    const clone = path.join(tmp, 'us-east-1');
    await exec('git', [
      'clone',
      '--quiet',
      '--branch',
      pull.head,
      github.cloneUrl(OWNER, REPO),
      clone,
    ]);
    const validate = await exec(process.execPath, [
      CLI,
      'validate',
      '--dir',
      clone,
    ]);
    expect(validate.stdout).toContain(
      `Fleet ${DEMO_FLEET.name} is valid: 4 region(s)`,
    );
    const fleet = parse(
      await fs.readFile(path.join(clone, 'fleet.yaml'), 'utf8'),
    );
    expect(fleet.spec.regions).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          id: 'us-east-1',
          role: 'satellite',
          cluster: 'demo-us-east-1',
        }),
      ]),
    );

    // One key per workload: its role's and region's tags, stored in its cluster, shown nowhere.
    const stored = ['engine', 'control', 'storage', 'router'].map(role => {
      const secret = kubernetes.get(
        'v1',
        'Secret',
        'inferadb',
        `tailscale-auth-${role}`,
      ) as any;
      expect(secret).toBeDefined();
      const value = Buffer.from(secret.data.authkey, 'base64').toString('utf8');
      const key = tailscale.keys().find(k => k.key === value)!;
      expect(key).toBeDefined();
      return { role, value, key };
    });
    expect(
      stored.map(({ role, key }) => ({
        role,
        tags: key.capabilities.devices.create.tags,
        ephemeral: key.capabilities.devices.create.ephemeral,
      })),
    ).toEqual([
      {
        role: 'engine',
        tags: ['tag:inferadb-engine', 'tag:inferadb-us-east-1'],
        ephemeral: true,
      },
      {
        role: 'control',
        tags: ['tag:inferadb-control', 'tag:inferadb-us-east-1'],
        ephemeral: true,
      },
      {
        role: 'storage',
        tags: ['tag:fdb', 'tag:inferadb-us-east-1'],
        ephemeral: true,
      },
      {
        role: 'router',
        tags: ['tag:inferadb-router', 'tag:inferadb-us-east-1'],
        ephemeral: false,
      },
    ]);
    const keyText = result.output.text.find(
      (t: any) => t.title === 'Tailscale auth keys',
    ).content;
    for (const { key } of stored) {
      expect(keyText).toContain(key.id);
    }
    const everythingShown = [
      JSON.stringify(result.output),
      result.log.join('\n'),
      pull.body ?? '',
      (
        await exec('git', ['-C', clone, 'log', '-p', '--all'], {
          maxBuffer: 64 * 1024 * 1024,
        })
      ).stdout,
    ].join('\n');
    for (const { value } of stored) {
      expect(everythingShown).not.toContain(value);
    }

    // Catalog: the location is registered now; the entity arrives when the PR merges.
    const locations = await portal.locations();
    expect(locations.map(l => l.target)).toContain(
      `https://github.com/${OWNER}/${REPO}/blob/main/regions/us-east-1/catalog-info.yaml`,
    );
    const merged = await fetch(
      `${github.apiBaseUrl}/repos/${OWNER}/${REPO}/pulls/${pull.number}/merge`,
      {
        method: 'PUT',
        headers: {
          authorization: `token ${github.token}`,
          'content-type': 'application/json',
        },
        body: JSON.stringify({ merge_method: 'merge' }),
      },
    );
    expect(await merged.json()).toMatchObject({ merged: true });
    const entity = await portal.waitForEntity(
      `resource:default/${DEMO_FLEET.name}-us-east-1`,
      60_000,
    );
    expect(entity).toMatchObject({
      kind: 'Resource',
      metadata: {
        annotations: expect.objectContaining({
          'inferadb.io/fleet': DEMO_FLEET.name,
          'inferadb.io/region': 'us-east-1',
        }),
      },
      spec: { type: 'inferadb-region', system: DEMO_FLEET.name },
    });
  });

  it('refuses an invalid region id at submission, naming the field', async () => {
    const res = await portal.createTask(
      TEMPLATE_REF,
      values({
        regionId: 'US_East',
        role: 'replica',
        cluster: 'demo-sa-east-1',
        namespace: 'bad-id',
      }),
    );
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body)).toContain('regionId');
    await expectNothingLeftFor('US_East', 'bad-id');
  });

  it('refuses a third FoundationDB main region and leaves nothing behind', async () => {
    const result = await portal.runTemplate(
      TEMPLATE_REF,
      values({
        regionId: 'us-east-2',
        role: 'dr',
        cluster: 'demo-sa-east-1',
        namespace: 'third-main',
      }),
    );
    expect(result.status).toBe('failed');
    expect(result.log.join('\n')).toContain(
      'FoundationDB supports at most two regions',
    );
    // The refusal alone: no stack frames naming the server's files.
    expect(result.log.join('\n')).not.toMatch(/^\s+at /m);
    expect(result.log.join('\n')).not.toContain(REPO_ROOT);
    expect(result.steps).toMatchObject({ region: 'failed' });
    await expectNothingLeftFor('us-east-2', 'third-main');
  });

  it('leaves nothing behind when Tailscale refuses the key, and the log says why', async () => {
    const fault = tailscale.addFault({
      method: 'POST',
      path: /\/keys$/,
      status: 403,
      message:
        'calling actor does not have enough permissions to perform this function',
    });
    try {
      const result = await portal.runTemplate(
        TEMPLATE_REF,
        values({
          regionId: 'sa-east-1',
          role: 'replica',
          cluster: 'demo-sa-east-1',
          namespace: 'refused',
        }),
      );
      expect(result.status).toBe('failed');
      expect(result.steps).toMatchObject({
        region: 'completed',
        tailscale: 'failed',
      });
      expect(result.log.join('\n')).toContain(
        'does not have enough permissions',
      );
      await expectNothingLeftFor('sa-east-1', 'refused');
    } finally {
      tailscale.removeFault(fault);
    }
  });
  it('after GitHub refuses the pull request, Retry opens it and reuses the stored key', async () => {
    const fault = {
      method: 'POST',
      path: `/repos/${OWNER}/${REPO}/pulls`,
      status: 403,
      message: 'Resource not accessible by integration',
    };
    github.addFault(fault);
    const failed = await portal.runTemplate(
      TEMPLATE_REF,
      values({
        regionId: 'eu-west-2',
        role: 'replica',
        cluster: 'demo-sa-east-1',
        namespace: 'retried',
      }),
    );
    expect(failed.status).toBe('failed');
    expect(failed.steps).toMatchObject({
      tailscale: 'completed',
      publish: 'failed',
    });
    expect(failed.log.join('\n')).toContain(
      'Resource not accessible by integration',
    );
    const keysFor = () =>
      tailscale
        .keys()
        .filter(k => !k.revoked && k.description?.includes('eu-west-2'));
    // A replica of an FDB fleet: Engine and Control dial the data centers over the tailnet.
    expect(keysFor()).toHaveLength(2);

    github.clearFaults();
    const retried = await portal.retryTask(failed.id);
    expect({
      status: retried.status,
      log: retried.status === 'completed' ? [] : retried.log,
    }).toEqual({
      status: 'completed',
      log: [],
    });
    expect(github.pullRequests(OWNER, REPO).map(p => p.head)).toContain(
      'inferadb/add-region-eu-west-2',
    );
    const keys = keysFor();
    expect(keys).toHaveLength(2);
    const secret = kubernetes.get(
      'v1',
      'Secret',
      'retried',
      'tailscale-auth-engine',
    ) as any;
    expect(Buffer.from(secret.data.authkey, 'base64').toString('utf8')).toBe(
      keys.find(k => k.description === 'inferadb eu-west-2 engine')!.key,
    );
  });

  it('removes a replica region through a pull request that deletes its files', async () => {
    const result = await portal.runTemplate(
      'template:default/inferadb-remove-region',
      {
        fleet: `system:default/${DEMO_FLEET.name}`,
        regionId: 'ap-southeast-1',
        confirm: true,
      },
    );
    expect({
      status: result.status,
      log: result.status === 'completed' ? [] : result.log,
    }).toEqual({
      status: 'completed',
      log: [],
    });
    const pull = github
      .pullRequests(OWNER, REPO)
      .find(p => p.head === 'inferadb/remove-region-ap-southeast-1');
    expect(pull?.body).toBe(
      result.output.text.find((t: any) => t.title === 'Plan').content,
    );

    const clone = path.join(tmp, 'remove-ap-southeast-1');
    await exec('git', [
      'clone',
      '--quiet',
      '--branch',
      pull!.head,
      github.cloneUrl(OWNER, REPO),
      clone,
    ]);
    await expect(
      fs.readdir(path.join(clone, 'regions/ap-southeast-1')),
    ).rejects.toThrow();
    const fleet = parse(
      await fs.readFile(path.join(clone, 'fleet.yaml'), 'utf8'),
    );
    expect(fleet.spec.regions.map((r: any) => r.id)).not.toContain(
      'ap-southeast-1',
    );
    const validate = await exec(process.execPath, [
      CLI,
      'validate',
      '--dir',
      clone,
    ]);
    expect(validate.stdout).toContain(`Fleet ${DEMO_FLEET.name} is valid`);
  });

  it("rotates a region's key, its cluster and namespace read from the fleet file", async () => {
    const [primary] = DEMO_FLEET.regions;
    const secretName = 'tailscale-auth-control';
    const ref = {
      cluster: primary.cluster,
      namespace: 'inferadb',
      name: secretName,
    };
    // The key the new-region template stored for the primary's Control.
    const old = tailscale.addKey({
      tags: [`tag:inferadb-${primary.id}`],
      expirySeconds: 86400,
      ephemeral: true,
      reusable: true,
      preauthorized: true,
    });
    const store = new AuthKeySecretStore(
      KubernetesClusters.fromConfig(
        new ConfigReader({
          inferadb: {
            clusters: [
              {
                name: primary.cluster,
                url: kubernetes.url,
                serviceAccountToken: kubernetes.token,
                skipTLSVerify: true,
              },
            ],
          },
        }),
      ),
    );
    kubernetes.remove('v1', 'Secret', ref.namespace, secretName);
    await store.write({
      ...ref,
      region: primary.id,
      keyId: old.id,
      tags: old.capabilities.devices.create.tags,
      ephemeral: true,
      authKey: new AuthKeySecret(old.key!),
    });

    const result = await portal.runTemplate(
      'template:default/inferadb-rotate-auth-key',
      {
        fleet: `system:default/${DEMO_FLEET.name}`,
        regionId: primary.id,
        role: 'control',
        expiryDays: 60,
      },
    );
    expect({
      status: result.status,
      log: result.status === 'completed' ? [] : result.log,
    }).toEqual({ status: 'completed', log: [] });

    const info = await store.read({ ...ref, key: 'authkey' });
    const fresh = tailscale.key(info!.keyId!)!;
    expect(fresh.id).not.toBe(old.id);
    expect(tailscale.key(old.id)!.revoked).toBeDefined();
    // The rotated key keeps the previous one's tags and ephemerality.
    expect(fresh.capabilities.devices.create).toMatchObject({
      tags: [`tag:inferadb-${primary.id}`],
      ephemeral: true,
    });
    expect(Date.parse(fresh.expires) - Date.parse(fresh.created)).toBe(
      60 * 86400_000,
    );
    expect(info!.region).toBe(primary.id);
    const text = result.output.text[0].content;
    expect(text).toContain(`New key \`${fresh.id}\``);
    expect(text).toContain(`in cluster \`${primary.cluster}\``);
    expect(text).toContain(`Previous key \`${old.id}\` revoked: true`);
  });

  it('refuses to rotate the key of a region the fleet file does not list, naming its regions', async () => {
    const keys = tailscale.keys().length;
    const result = await portal.runTemplate(
      'template:default/inferadb-rotate-auth-key',
      {
        fleet: `system:default/${DEMO_FLEET.name}`,
        regionId: 'sa-east-1',
        role: 'engine',
        expiryDays: 30,
      },
    );
    expect(result.status).toBe('failed');
    expect(result.log.join('\n')).toContain(
      `fleet ${DEMO_FLEET.name} has no region sa-east-1`,
    );
    expect(result.log.join('\n')).toContain(
      '(its regions: us-west-1, eu-central-1, ap-southeast-1',
    );
    expect(tailscale.keys()).toHaveLength(keys);
  });
});
