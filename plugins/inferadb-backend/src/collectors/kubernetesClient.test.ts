import { ConfigReader } from '@backstage/config';
import {
  KubernetesEmulator,
  startDemoRegionCluster,
} from '@internal/inferadb-emulators';
import { generate } from 'selfsigned';
import { clusterClientFactory } from './kubernetesClient';

jest.setTimeout(60_000);

/** A self-signed certificate for 127.0.0.1, as a cluster's own CA would issue. */
function certificate() {
  const pems = generate([{ name: 'commonName', value: '127.0.0.1' }], {
    days: 1,
    keySize: 2048,
    algorithm: 'sha256',
    extensions: [
      { name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }] },
    ],
  });
  return { key: pems.private, cert: pems.cert };
}

const base64 = (pem: string) => Buffer.from(pem).toString('base64');

describe('Kubernetes region client over TLS', () => {
  const tls = certificate();
  let cluster: KubernetesEmulator;

  beforeAll(async () => {
    cluster = await startDemoRegionCluster('us-west-1', { tls });
  });

  afterAll(() => cluster.close());

  afterEach(() => cluster.clearFaults());

  const clientTrusting = (caPem: string) =>
    clusterClientFactory(
      new ConfigReader({
        inferadb: {
          clusters: [
            {
              name: 'tls',
              url: cluster.url,
              caData: base64(caPem),
              serviceAccountToken: cluster.token,
            },
          ],
        },
      }),
    )('tls');

  it('reads the region trusting the configured CA, on one kept-alive connection', async () => {
    const client = await clientTrusting(tls.cert);
    const signal = new AbortController().signal;
    const connections = cluster.connections;

    const pods = await client.listPods('inferadb', signal);
    expect(pods.length).toBeGreaterThan(0);
    // Typed objects, as the rest of the collector expects.
    expect(pods[0].metadata?.creationTimestamp).toBeInstanceOf(Date);
    const statefulSets = await client.listStatefulSets('inferadb', signal);
    expect(statefulSets.map(s => s.metadata?.name)).toContain(
      'inferadb-engine',
    );
    const healthz = await client.proxyGet(
      'inferadb',
      'inferadb-engine:8080',
      'healthz',
      signal,
    );
    expect(healthz.status).toBe(200);
    expect(JSON.parse(healthz.body)).toMatchObject({ status: 'healthy' });

    expect(cluster.connections - connections).toBe(1);
  });

  it('returns a non-2xx proxy answer with its status and body', async () => {
    const client = await clientTrusting(tls.cert);
    const missing = await client.proxyGet(
      'inferadb',
      'inferadb-engine:8080',
      'nowhere',
      new AbortController().signal,
    );
    expect(missing).toEqual({ status: 404, body: 'not found' });
  });

  it('refuses an API server whose certificate the configured CA did not sign', async () => {
    const client = await clientTrusting(certificate().cert);
    await expect(
      client.listPods('inferadb', new AbortController().signal),
    ).rejects.toThrow(/certificate/);
  });

  it('sends a read again when the server closes a kept-alive connection as it goes out', async () => {
    const client = await clientTrusting(tls.cert);
    const signal = new AbortController().signal;
    await client.listPods('inferadb', signal);
    const connections = cluster.connections;
    // The next request reuses the open connection, which the server then drops unanswered.
    cluster.addFault({ reset: true, times: 1 });
    const pods = await client.listPods('inferadb', signal);
    expect(pods.length).toBeGreaterThan(0);
    expect(cluster.connections - connections).toBe(1);
  });

  it('does not send a read again when a new connection is dropped', async () => {
    const client = await clientTrusting(tls.cert);
    // A client of its own: its first request opens a connection.
    await client.listPods('inferadb', new AbortController().signal);
    cluster.addFault({ reset: true, times: 2 });
    await expect(
      client.listPods('inferadb', new AbortController().signal),
    ).rejects.toThrow(/socket hang up/);
  });

  it('abandons a hanging request when the source is aborted', async () => {
    const client = await clientTrusting(tls.cert);
    cluster.addFault({ hang: true });
    const controller = new AbortController();
    const pods = client.listPods('inferadb', controller.signal);
    setTimeout(() => controller.abort(new Error('source timed out')), 50);
    await expect(pods).rejects.toThrow(/abort/i);
  });
});
