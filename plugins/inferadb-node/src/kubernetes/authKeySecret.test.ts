import {
  KubernetesEmulator,
  startKubernetesEmulator,
} from '@internal/inferadb-emulators';
import { randomBytes } from 'node:crypto';
import { AuthKeySecret } from '../tailscale/secret';
import { AuthKeySecretStore } from './authKeySecret';
import { KubernetesClusters } from './clusters';

// the first dynamic import of @kubernetes/client-node is slow on a busy machine
jest.setTimeout(30_000);

describe('AuthKeySecretStore against the Kubernetes emulator', () => {
  let kube: KubernetesEmulator;
  let store: AuthKeySecretStore;
  const value = () =>
    `tskey-auth-kTEST${randomBytes(4).toString('hex')}CNTRL-${randomBytes(
      16,
    ).toString('hex')}`;

  beforeEach(async () => {
    kube = await startKubernetesEmulator();
    const clusters = new KubernetesClusters([
      {
        name: 'demo-us-west-1',
        url: kube.url,
        skipTLSVerify: true,
        serviceAccountToken: kube.token,
      },
    ]);
    store = new AuthKeySecretStore(clusters, { timeoutMs: 500 });
  });
  afterEach(() => kube.close());

  const write = (authKey: string, keyId = 'kAAAACNTRL') =>
    store.write({
      cluster: 'demo-us-west-1',
      namespace: 'inferadb',
      region: 'us-west-1',
      keyId,
      expires: '2027-02-20T06:00:00Z',
      tags: ['tag:inferadb-us-west-1'],
      authKey: new AuthKeySecret(authKey),
    });

  it('creates the Secret with the key in data and only metadata in labels and annotations', async () => {
    const key = value();
    const { ref, replacedKeyId } = await write(key);
    expect(replacedKeyId).toBeUndefined();
    expect(ref).toEqual({
      cluster: 'demo-us-west-1',
      namespace: 'inferadb',
      name: 'tailscale-auth',
      key: 'authkey',
    });
    const secret = kube.get(
      'v1',
      'Secret',
      'inferadb',
      'tailscale-auth',
    ) as any;
    expect(Buffer.from(secret.data.authkey, 'base64').toString()).toBe(key);
    expect(secret.metadata.labels).toMatchObject({
      'app.kubernetes.io/managed-by': 'inferadb-backstage',
      'inferadb.io/region': 'us-west-1',
      'inferadb.io/tailscale-key-id': 'kAAAACNTRL',
    });
    expect(
      secret.metadata.annotations['inferadb.io/tailscale-key-expires'],
    ).toBe('2027-02-20T06:00:00Z');
    expect(JSON.stringify(secret.metadata)).not.toContain(key);
    expect(await store.read(ref)).toMatchObject({
      keyId: 'kAAAACNTRL',
      expires: '2027-02-20T06:00:00Z',
      managed: true,
      region: 'us-west-1',
    });
  });

  it('replaces a Secret it manages', async () => {
    await write(value(), 'kOLDCNTRL');
    const next = value();
    // The displaced key is named, so the caller can revoke it.
    expect(await write(next, 'kNEWCNTRL')).toMatchObject({
      replacedKeyId: 'kOLDCNTRL',
    });
    const secret = kube.get(
      'v1',
      'Secret',
      'inferadb',
      'tailscale-auth',
    ) as any;
    expect(Buffer.from(secret.data.authkey, 'base64').toString()).toBe(next);
    expect(secret.metadata.labels['inferadb.io/tailscale-key-id']).toBe(
      'kNEWCNTRL',
    );
  });

  it('refuses to overwrite a Secret someone else made', async () => {
    kube.put({
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 'tailscale-auth', namespace: 'inferadb' },
      data: { authkey: 'aGFuZG1hZGU=' },
    });
    await expect(write(value())).rejects.toThrow(
      /exists and is not managed by InferaDB/,
    );
    expect(
      (kube.get('v1', 'Secret', 'inferadb', 'tailscale-auth') as any).data
        .authkey,
    ).toBe('aGFuZG1hZGU=');
  });

  it.each([
    [
      500,
      /Kubernetes failed to create Secret inferadb\/tailscale-auth in cluster demo-us-west-1 \(HTTP 500/,
    ],
    [
      403,
      /Kubernetes refused to create .*HTTP 403.*needs create, get and update on secrets/,
    ],
  ])('explains HTTP %s without the key', async (status, expected) => {
    kube.addFault({
      method: 'POST',
      path: '/api/v1/namespaces/inferadb/secrets',
      status,
    });
    const key = value();
    const error = await write(key).catch(e => e);
    expect(error.message).toMatch(expected);
    expect(JSON.stringify(error)).not.toContain(key);
    expect(String(error.stack)).not.toContain(key);
  });

  it('gives up on a hung API server after its timeout', async () => {
    kube.addFault({
      method: 'POST',
      path: '/api/v1/namespaces/inferadb/secrets',
      hang: true,
    });
    await expect(write(value())).rejects.toThrow(
      /Kubernetes did not answer within 1s to create Secret/,
    );
  });

  it('reads a missing Secret as undefined', async () => {
    await expect(
      store.read({
        cluster: 'demo-us-west-1',
        namespace: 'inferadb',
        name: 'nope',
        key: 'authkey',
      }),
    ).resolves.toBeUndefined();
  });
});
