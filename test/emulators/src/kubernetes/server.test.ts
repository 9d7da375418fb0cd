import { KubernetesEmulator, startKubernetesEmulator } from './server';
import {
  KubernetesClient,
  kubeConfigFor,
  loadClient,
  rejection,
} from './testClient';

const FDB_GROUP = 'apps.foundationdb.org';

function fdbCluster(name: string, namespace: string, reconciled: number) {
  return {
    apiVersion: `${FDB_GROUP}/v1beta2`,
    kind: 'FoundationDBCluster',
    metadata: {
      name,
      namespace,
      labels: { 'inferadb.io/region': 'us-west-1' },
    },
    spec: {
      version: '7.3.43',
      databaseConfiguration: { redundancy_mode: 'double', usable_regions: 2 },
    },
    status: {
      generations: { reconciled },
      health: { available: true, healthy: true, fullReplication: true },
    },
  };
}

describe('Kubernetes emulator through @kubernetes/client-node', () => {
  let k8s: KubernetesClient;
  let emulator: KubernetesEmulator;

  beforeAll(async () => {
    k8s = await loadClient();
  });

  beforeEach(async () => {
    emulator = await startKubernetesEmulator();
  });

  afterEach(async () => {
    await emulator.close();
  });

  it('creates, reads, replaces and deletes a secret with real conflict and not-found answers', async () => {
    const core = kubeConfigFor(k8s, emulator).makeApiClient(k8s.CoreV1Api);
    const created = await core.createNamespacedSecret({
      namespace: 'inferadb',
      body: {
        metadata: { name: 'tailscale-auth', labels: { app: 'inferadb' } },
        type: 'Opaque',
        stringData: { TS_AUTHKEY: 'tskey-auth-1' },
      },
    });
    expect(created.metadata?.uid).toMatch(/^[0-9a-f-]{36}$/);
    expect(created.metadata?.namespace).toBe('inferadb');
    expect(created.metadata?.creationTimestamp).toBeInstanceOf(Date);

    const read = await core.readNamespacedSecret({
      name: 'tailscale-auth',
      namespace: 'inferadb',
    });
    // Like a real API server: stringData is write-only and lands base64-encoded in data.
    expect(read.stringData).toBeUndefined();
    expect(read.data).toEqual({
      TS_AUTHKEY: Buffer.from('tskey-auth-1').toString('base64'),
    });
    expect(read.type).toBe('Opaque');
    expect(read.metadata?.resourceVersion).toBe(
      created.metadata?.resourceVersion,
    );

    const duplicate = core.createNamespacedSecret({
      namespace: 'inferadb',
      body: { metadata: { name: 'tailscale-auth' } },
    });
    const duplicateError = await rejection(duplicate);
    expect(duplicateError.code).toBe(409);
    expect(duplicateError.body).toMatchObject({
      kind: 'Status',
      status: 'Failure',
      reason: 'AlreadyExists',
      code: 409,
      details: { name: 'tailscale-auth', kind: 'secrets' },
    });

    const replaced = await core.replaceNamespacedSecret({
      name: 'tailscale-auth',
      namespace: 'inferadb',
      body: { ...read, stringData: { TS_AUTHKEY: 'tskey-auth-2' } },
    });
    expect(Number(replaced.metadata?.resourceVersion)).toBeGreaterThan(
      Number(read.metadata?.resourceVersion),
    );
    expect(replaced.metadata?.uid).toBe(created.metadata?.uid);

    // `read` carries the old resourceVersion: a second writer loses.
    const stale = core.replaceNamespacedSecret({
      name: 'tailscale-auth',
      namespace: 'inferadb',
      body: { ...read, stringData: { TS_AUTHKEY: 'tskey-auth-3' } },
    });
    expect(await rejection(stale)).toMatchObject({
      code: 409,
      body: { reason: 'Conflict' },
    });
    expect(
      emulator.get('v1', 'Secret', 'inferadb', 'tailscale-auth')?.data,
    ).toEqual({
      TS_AUTHKEY: Buffer.from('tskey-auth-2').toString('base64'),
    });

    const status = await core.deleteNamespacedSecret({
      name: 'tailscale-auth',
      namespace: 'inferadb',
    });
    expect(status).toMatchObject({
      status: 'Success',
      details: { name: 'tailscale-auth' },
    });

    const missing = core.readNamespacedSecret({
      name: 'tailscale-auth',
      namespace: 'inferadb',
    });
    const missingError = await rejection(missing);
    expect(missingError.code).toBe(404);
    expect(missingError.body).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: 'secrets "tailscale-auth" not found',
      reason: 'NotFound',
      details: { name: 'tailscale-auth', kind: 'secrets' },
      code: 404,
    });
  });

  it('applies merge and JSON patches to a secret', async () => {
    const kc = kubeConfigFor(k8s, emulator);
    emulator.put({
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: {
        name: 'key',
        namespace: 'inferadb',
        labels: { a: '1', b: '2' },
      },
      data: { x: 'eA==' },
    });
    const merge = kc.makeApiClient(k8s.CoreV1Api);
    const merged = await merge.patchNamespacedSecret(
      {
        name: 'key',
        namespace: 'inferadb',
        body: { metadata: { labels: { a: null, c: '3' } } },
      },
      k8s.setHeaderOptions('Content-Type', k8s.PatchStrategy.MergePatch),
    );
    expect(merged.metadata?.labels).toEqual({ b: '2', c: '3' });

    const jsonPatched = await merge.patchNamespacedSecret({
      name: 'key',
      namespace: 'inferadb',
      body: [{ op: 'replace', path: '/data/x', value: 'eQ==' }],
    });
    expect(jsonPatched.data).toEqual({ x: 'eQ==' });

    const badPatch = merge.patchNamespacedSecret({
      name: 'key',
      namespace: 'inferadb',
      body: [{ op: 'remove', path: '/data/missing' }],
    });
    await expect(badPatch).rejects.toMatchObject({ code: 422 });
    expect(emulator.get('v1', 'Secret', 'inferadb', 'key')?.data).toEqual({
      x: 'eQ==',
    });
  });

  it('lists StatefulSets with label selectors, per namespace and across namespaces', async () => {
    const statefulSet = (
      name: string,
      namespace: string,
      labels: Record<string, string>,
    ) =>
      emulator.put({
        apiVersion: 'apps/v1',
        kind: 'StatefulSet',
        metadata: { name, namespace, labels },
        spec: { replicas: 3 },
        status: { replicas: 3, readyReplicas: 2 },
      });
    statefulSet('engine', 'inferadb', { app: 'inferadb', component: 'engine' });
    statefulSet('control', 'inferadb', {
      app: 'inferadb',
      component: 'control',
    });
    statefulSet('engine', 'other', { app: 'inferadb', component: 'engine' });
    statefulSet('redis', 'inferadb', { app: 'redis' });

    const apps = kubeConfigFor(k8s, emulator).makeApiClient(k8s.AppsV1Api);
    const names = (list: { items: Array<{ metadata?: { name?: string } }> }) =>
      list.items.map(i => i.metadata?.name);

    const inferadb = await apps.listNamespacedStatefulSet({
      namespace: 'inferadb',
      labelSelector: 'app=inferadb',
    });
    expect(names(inferadb)).toEqual(['control', 'engine']);
    expect(inferadb.kind).toBe('StatefulSetList');
    expect(inferadb.metadata?.resourceVersion).toMatch(/^\d+$/);
    expect(inferadb.items[1].status?.readyReplicas).toBe(2);

    expect(
      names(
        await apps.listNamespacedStatefulSet({
          namespace: 'inferadb',
          labelSelector: 'app!=inferadb',
        }),
      ),
    ).toEqual(['redis']);
    expect(
      names(
        await apps.listNamespacedStatefulSet({
          namespace: 'inferadb',
          labelSelector: 'app==inferadb,component in (engine, gateway)',
        }),
      ),
    ).toEqual(['engine']);
    expect(
      names(
        await apps.listNamespacedStatefulSet({
          namespace: 'inferadb',
          labelSelector: '!component',
        }),
      ),
    ).toEqual(['redis']);
    expect(
      names(
        await apps.listNamespacedStatefulSet({
          namespace: 'inferadb',
          labelSelector: 'component notin (engine)',
        }),
      ),
    ).toEqual(['control', 'redis']);

    const everywhere = await apps.listStatefulSetForAllNamespaces({
      labelSelector: 'component=engine',
    });
    expect(
      everywhere.items.map(i => `${i.metadata?.namespace}/${i.metadata?.name}`),
    ).toEqual(['inferadb/engine', 'other/engine']);

    await expect(
      apps.listNamespacedStatefulSet({
        namespace: 'inferadb',
        labelSelector: 'app in (a',
      }),
    ).rejects.toMatchObject({ code: 400 });
  });

  it('lists pods across namespaces and by page', async () => {
    for (const name of ['engine-0', 'engine-1', 'engine-2']) {
      emulator.put({
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name, namespace: 'inferadb', labels: { app: 'engine' } },
        status: { phase: 'Running' },
      });
    }
    const core = kubeConfigFor(k8s, emulator).makeApiClient(k8s.CoreV1Api);
    const all = await core.listPodForAllNamespaces();
    expect(all.items.map(p => p.status?.phase)).toEqual([
      'Running',
      'Running',
      'Running',
    ]);

    const page1 = await core.listNamespacedPod({
      namespace: 'inferadb',
      limit: 2,
    });
    expect(page1.items).toHaveLength(2);
    const page2 = await core.listNamespacedPod({
      namespace: 'inferadb',
      limit: 2,
      _continue: page1.metadata?._continue,
    });
    expect(page2.items.map(p => p.metadata?.name)).toEqual(['engine-2']);
    expect(page2.metadata?._continue).toBeUndefined();
  });

  it('serves FoundationDBCluster custom resources and their status subresource', async () => {
    emulator.put(fdbCluster('inferadb-fdb-us-west-1', 'inferadb', 1));
    const custom = kubeConfigFor(k8s, emulator).makeApiClient(
      k8s.CustomObjectsApi,
    );
    const ref = {
      group: FDB_GROUP,
      version: 'v1beta2',
      namespace: 'inferadb',
      plural: 'foundationdbclusters',
    };

    const cluster = await custom.getNamespacedCustomObject({
      ...ref,
      name: 'inferadb-fdb-us-west-1',
    });
    expect(cluster).toMatchObject({
      kind: 'FoundationDBCluster',
      metadata: { generation: 1 },
      status: { health: { available: true } },
    });

    const list = await custom.listNamespacedCustomObject({
      ...ref,
      labelSelector: 'inferadb.io/region=us-west-1',
    });
    expect(list.kind).toBe('FoundationDBClusterList');
    expect(
      list.items.map((i: { metadata: { name: string } }) => i.metadata.name),
    ).toEqual(['inferadb-fdb-us-west-1']);

    // A spec change bumps generation; status written through the main endpoint is ignored.
    const replaced = await custom.replaceNamespacedCustomObject({
      ...ref,
      name: 'inferadb-fdb-us-west-1',
      body: {
        ...cluster,
        spec: { ...cluster.spec, version: '7.3.63' },
        status: { health: { available: false } },
      },
    });
    expect(replaced.metadata.generation).toBe(2);
    expect(replaced.status.health.available).toBe(true);

    const withStatus = await custom.replaceNamespacedCustomObjectStatus({
      ...ref,
      name: 'inferadb-fdb-us-west-1',
      body: {
        ...replaced,
        status: { generations: { reconciled: 2 }, health: { available: true } },
      },
    });
    expect(withStatus.status.generations.reconciled).toBe(2);
    expect(withStatus.metadata.generation).toBe(2);
    const status = await custom.getNamespacedCustomObjectStatus({
      ...ref,
      name: 'inferadb-fdb-us-west-1',
    });
    expect(status.status.generations.reconciled).toBe(2);

    const missing = custom.getNamespacedCustomObject({ ...ref, name: 'nope' });
    expect((await rejection(missing)).body).toMatchObject({
      code: 404,
      reason: 'NotFound',
      message: 'foundationdbclusters.apps.foundationdb.org "nope" not found',
      details: { name: 'nope', group: FDB_GROUP, kind: 'foundationdbclusters' },
    });

    // Custom resources answer DELETE with the deleted object, not a Status.
    emulator.put(fdbCluster('inferadb-fdb-old', 'inferadb', 1));
    const gone = await custom.deleteNamespacedCustomObject({
      ...ref,
      name: 'inferadb-fdb-old',
    });
    expect(gone).toMatchObject({
      kind: 'FoundationDBCluster',
      metadata: { name: 'inferadb-fdb-old' },
    });

    const all = await custom.listClusterCustomObject({
      group: FDB_GROUP,
      version: 'v1beta2',
      plural: 'foundationdbclusters',
    });
    expect(all.items).toHaveLength(1);
  });

  it('proxies to the handler a test registers for a service, by name and by port', async () => {
    const seen: string[] = [];
    emulator.setServiceProxy(
      { namespace: 'inferadb', service: 'engine' },
      req => {
        seen.push(`${req.method} ${req.path} ${req.port}`);
        // Credentials stay with the API server.
        expect(req.headers.authorization).toBeUndefined();
        return {
          status: 200,
          body: {
            status: 'healthy',
            service: 'inferadb-engine',
            version: '0.1.0',
            uptime_seconds: 5,
          },
        };
      },
    );
    emulator.setServiceProxy(
      { namespace: 'inferadb', service: 'control', port: 9090 },
      async req => ({
        status: 503,
        body: 'storage unavailable',
        headers: { 'x-query': String(req.query.verbose) },
      }),
    );
    const kc = kubeConfigFor(k8s, emulator);
    const core = kc.makeApiClient(k8s.CoreV1Api);

    const health = await core.connectGetNamespacedServiceProxyWithPath({
      name: 'engine:8080',
      namespace: 'inferadb',
      path: 'healthz',
    });
    expect(health).toMatchObject({
      status: 'healthy',
      service: 'inferadb-engine',
    });

    // A raw request with the kubeconfig's auth, as a health collector would send it.
    const init = await kc.applyToFetchOptions({});
    const raw = await fetch(
      `${emulator.url}/api/v1/namespaces/inferadb/services/http:control:9090/proxy/healthz?verbose=1`,
      { headers: init.headers as Record<string, string> },
    );
    expect(raw.status).toBe(503);
    expect(raw.headers.get('x-query')).toBe('1');
    expect(await raw.text()).toBe('storage unavailable');
    expect(seen).toEqual(['GET /healthz 8080']);
    // Recorded (and matched by faults) decoded, as a test would write it.
    expect(emulator.requests[0].path).toBe(
      '/api/v1/namespaces/inferadb/services/engine:8080/proxy/healthz',
    );

    emulator.put({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'ledger', namespace: 'inferadb' },
    });
    const noEndpoints = await fetch(
      `${emulator.url}/api/v1/namespaces/inferadb/services/ledger:9090/proxy/metrics`,
      { headers: init.headers as Record<string, string> },
    );
    expect(noEndpoints.status).toBe(503);
    expect(await noEndpoints.json()).toMatchObject({
      kind: 'Status',
      reason: 'ServiceUnavailable',
      message: 'no endpoints available for service "ledger"',
    });
    const watch = await fetch(
      `${emulator.url}/api/v1/namespaces/inferadb/pods?watch=true`,
      { headers: init.headers as Record<string, string> },
    );
    expect(watch.status).toBe(405);
    const noService = await fetch(
      `${emulator.url}/api/v1/namespaces/inferadb/services/nothing/proxy/`,
      { headers: init.headers as Record<string, string> },
    );
    expect(noService.status).toBe(404);
  });

  it('answers 401 with a Status object to a missing or wrong token', async () => {
    const core = kubeConfigFor(k8s, emulator, 'wrong-token').makeApiClient(
      k8s.CoreV1Api,
    );
    await expect(
      core.listNamespacedPod({ namespace: 'inferadb' }),
    ).rejects.toMatchObject({ code: 401 });
    const anonymous = await fetch(
      `${emulator.url}/api/v1/namespaces/inferadb/pods`,
    );
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: 'Unauthorized',
      reason: 'Unauthorized',
      code: 401,
    });
    expect(emulator.requests.map(r => `${r.method} ${r.path}`)).toEqual([
      'GET /api/v1/namespaces/inferadb/pods',
      'GET /api/v1/namespaces/inferadb/pods',
    ]);
  });

  it('knows namespaces implicitly, or only those it was given', async () => {
    const core = kubeConfigFor(k8s, emulator).makeApiClient(k8s.CoreV1Api);
    expect((await core.readNamespace({ name: 'anything' })).status?.phase).toBe(
      'Active',
    );

    const restricted = await startKubernetesEmulator({
      namespaces: ['inferadb'],
    });
    try {
      const api = kubeConfigFor(k8s, restricted).makeApiClient(k8s.CoreV1Api);
      expect(
        (await api.readNamespace({ name: 'inferadb' })).metadata?.name,
      ).toBe('inferadb');
      await expect(
        api.readNamespace({ name: 'missing' }),
      ).rejects.toMatchObject({ code: 404 });
      await expect(
        api.createNamespacedConfigMap({
          namespace: 'missing',
          body: { metadata: { name: 'x' } },
        }),
      ).rejects.toMatchObject({ code: 404 });
      expect(
        (await api.listNamespace()).items.map(n => n.metadata?.name),
      ).toEqual(['inferadb']);
    } finally {
      await restricted.close();
    }
  });

  it('seeds and inspects objects directly', async () => {
    const first = emulator.put(fdbCluster('fdb', 'inferadb', 1));
    expect(first.metadata.generation).toBe(1);
    const second = emulator.put({
      ...fdbCluster('fdb', 'inferadb', 1),
      spec: { version: '7.3.63' },
    });
    expect(second.metadata.uid).toBe(first.metadata.uid);
    expect(second.metadata.generation).toBe(2);
    expect(
      emulator.list(`${FDB_GROUP}/v1beta2`, 'FoundationDBCluster'),
    ).toHaveLength(1);
    expect(
      emulator.remove(
        `${FDB_GROUP}/v1beta2`,
        'FoundationDBCluster',
        'inferadb',
        'fdb',
      ),
    ).toBe(true);
    expect(
      emulator.get(
        `${FDB_GROUP}/v1beta2`,
        'FoundationDBCluster',
        'inferadb',
        'fdb',
      ),
    ).toBeUndefined();
    expect(() =>
      emulator.put({ kind: 'Pod', metadata: { name: 'x' } }),
    ).toThrow(/apiVersion/);
  });
});
