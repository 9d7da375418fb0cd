import { KubernetesEmulator, startKubernetesEmulator } from './server';
import {
  KubernetesClient,
  kubeConfigFor,
  loadClient,
  rejection,
} from './testClient';

const SECRET_PATH = '/api/v1/namespaces/inferadb/secrets/tailscale-auth';

describe('Kubernetes emulator faults', () => {
  let k8s: KubernetesClient;
  let emulator: KubernetesEmulator;
  let core: InstanceType<KubernetesClient['CoreV1Api']>;
  const readSecret = () =>
    core.readNamespacedSecret({
      name: 'tailscale-auth',
      namespace: 'inferadb',
    });

  beforeAll(async () => {
    k8s = await loadClient();
  });

  beforeEach(async () => {
    emulator = await startKubernetesEmulator();
    emulator.put({
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 'tailscale-auth', namespace: 'inferadb' },
      data: { TS_AUTHKEY: 'dHNrZXk=' },
    });
    core = kubeConfigFor(k8s, emulator).makeApiClient(k8s.CoreV1Api);
  });

  afterEach(async () => {
    await emulator.close();
  });

  it('answers a status fault with a real Status object, only as often as asked', async () => {
    emulator.addFault({
      method: 'GET',
      path: SECRET_PATH,
      status: 500,
      times: 2,
    });
    for (let i = 0; i < 2; i++) {
      expect(await rejection(readSecret())).toEqual({
        code: 500,
        body: {
          kind: 'Status',
          apiVersion: 'v1',
          metadata: {},
          status: 'Failure',
          message: 'injected fault: HTTP 500',
          reason: 'InternalError',
          code: 500,
        },
      });
    }
    expect((await readSecret()).data).toEqual({ TS_AUTHKEY: 'dHNrZXk=' });
  });

  it('matches faults by method and by path pattern, and forgets them when cleared', async () => {
    const forbidden = emulator.addFault({
      path: /\/secrets(\/|$)/,
      status: 403,
    });
    emulator.addFault({ method: 'DELETE', status: 429 });
    expect((await rejection(readSecret())).body.reason).toBe('Forbidden');
    expect(
      (await core.listNamespacedPod({ namespace: 'inferadb' })).items,
    ).toEqual([]);
    expect(emulator.removeFault(forbidden)).toBe(true);
    expect(
      (
        await rejection(
          core.deleteNamespacedSecret({
            name: 'tailscale-auth',
            namespace: 'inferadb',
          }),
        )
      ).body,
    ).toMatchObject({
      reason: 'TooManyRequests',
      code: 429,
    });
    emulator.clearFaults();
    await core.deleteNamespacedSecret({
      name: 'tailscale-auth',
      namespace: 'inferadb',
    });
    expect(
      emulator.get('v1', 'Secret', 'inferadb', 'tailscale-auth'),
    ).toBeUndefined();
  });

  it('fails service proxy requests by their decoded path', async () => {
    emulator.setServiceProxy(
      { namespace: 'inferadb', service: 'engine' },
      () => ({
        status: 200,
        body: { status: 'healthy' },
      }),
    );
    emulator.addFault({
      path: '/api/v1/namespaces/inferadb/services/engine:8080/proxy/healthz',
      status: 503,
    });
    const proxied = (port: number) =>
      core.connectGetNamespacedServiceProxyWithPath({
        name: `engine:${port}`,
        namespace: 'inferadb',
        path: 'healthz',
      });
    expect((await rejection(proxied(8080))).code).toBe(503);
    expect(await proxied(8081)).toEqual({ status: 'healthy' });
  });

  it('answers with a given body instead of a Status', async () => {
    emulator.addFault({
      path: SECRET_PATH,
      status: 502,
      body: 'upstream connect error',
    });
    const init = await kubeConfigFor(k8s, emulator).applyToFetchOptions({});
    const response = await fetch(`${emulator.url}${SECRET_PATH}`, {
      headers: init.headers as Record<string, string>,
    });
    expect(response.status).toBe(502);
    expect(await response.text()).toBe('upstream connect error');
  });

  it('answers 200 with broken JSON for a malformed fault', async () => {
    emulator.addFault({ path: SECRET_PATH, malformed: true, times: 1 });
    await expect(readSecret()).rejects.toThrow(/JSON/);
    expect((await readSecret()).metadata?.name).toBe('tailscale-auth');
  });

  it('delays answers side by side rather than one after another', async () => {
    // One request held for a minute must not hold up the others.
    emulator.addFault({ method: 'GET', path: /\/pods$/, delayMs: 60_000 });
    emulator.addFault({ path: SECRET_PATH, delayMs: 300 });
    let slowSettled = false;
    const slow = core
      .listNamespacedPod({ namespace: 'inferadb' })
      .finally(() => {
        slowSettled = true;
      });
    const started = Date.now();
    const secrets = await Promise.all(
      Array.from({ length: 5 }, () => readSecret()),
    );
    expect(secrets.map(s => s.metadata?.name)).toEqual(
      Array(5).fill('tailscale-auth'),
    );
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    expect(slowSettled).toBe(false);
    await emulator.close();
    await expect(slow).rejects.toThrow();
  });

  it('delays every answer by the global latency', async () => {
    emulator.setLatency(150);
    const started = Date.now();
    await readSecret();
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
  });

  it('never answers a hanging request, and close() ends it', async () => {
    emulator.addFault({ path: SECRET_PATH, hang: true });
    const init = await kubeConfigFor(k8s, emulator).applyToFetchOptions({});
    await expect(
      fetch(`${emulator.url}${SECRET_PATH}`, {
        headers: init.headers as Record<string, string>,
        signal: AbortSignal.timeout(300),
      }),
    ).rejects.toThrow(/abort|timeout/i);

    const pending = readSecret();
    while (emulator.requests.length < 2) {
      await new Promise(resolve => setImmediate(resolve));
    }
    await emulator.close();
    await expect(pending).rejects.toThrow();
  });
});
