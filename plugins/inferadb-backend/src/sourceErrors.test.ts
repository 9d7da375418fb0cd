import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import {
  instantVectorAnswer,
  KubernetesEmulator,
  startDemoRegionCluster,
} from '@internal/inferadb-emulators';
import { RegionHealth } from '@inferadb-regions/plugin-inferadb-common';
import { generate } from 'selfsigned';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import request from 'supertest';
import { inferadbPlugin } from './plugin';
import { clusterEntry } from './__testUtils__/regionFixture';

jest.setTimeout(60_000);

const AUTH = mockCredentials.user.header();
const SECRET = 's3cret-pr0m';

/** A port nothing listens on: taken from the system, then released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>(r => server.listen(0, '127.0.0.1', () => r()));
  const { port } = server.address() as AddressInfo;
  await new Promise(r => server.close(r));
  return port;
}

/** Prometheus behind Basic authentication, answering every instant query with 1. */
async function guardedPrometheus(): Promise<Server & { seen: string[] }> {
  const seen: string[] = [];
  const server = createServer((req, res) => {
    seen.push(req.headers.authorization ?? '');
    if (
      req.headers.authorization !==
      `Basic ${Buffer.from(`bench:${SECRET}`).toString('base64')}`
    ) {
      res.writeHead(401).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(instantVectorAnswer(1, 0));
  });
  await new Promise<void>(r => server.listen(0, '127.0.0.1', () => r()));
  return Object.assign(server, { seen });
}

/** What a viewer sees of a failed source, and what the operator's log gets. */
describe('source errors', () => {
  let tls: KubernetesEmulator;
  let plain: KubernetesEmulator;
  let prometheus: Server & { seen: string[] };
  const logged: string[] = [];

  beforeAll(async () => {
    const pems = generate([{ name: 'commonName', value: '127.0.0.1' }], {
      days: 1,
      keySize: 2048,
      algorithm: 'sha256',
    });
    tls = await startDemoRegionCluster('eu-central-1', {
      tls: { key: pems.private, cert: pems.cert },
    });
    plain = await startDemoRegionCluster('us-west-1');
    prometheus = await guardedPrometheus();
    for (const level of ['warn', 'error', 'info'] as const)
      jest.spyOn(console, level).mockImplementation((...args: unknown[]) => {
        logged.push(JSON.stringify(args));
      });
  });
  afterAll(async () => {
    jest.restoreAllMocks();
    await tls?.close();
    await plain?.close();
    await new Promise(r => prometheus?.close(r));
  });

  it('names the kind of failure to viewers and the whole error, without credentials, to the log', async () => {
    const refused = await closedPort();
    const prometheusPort = (prometheus.address() as AddressInfo).port;
    const { server } = await startTestBackend({
      features: [
        inferadbPlugin,
        mockServices.rootLogger.factory({ level: 'warn' }),
        mockServices.rootConfig.factory({
          data: {
            inferadb: {
              clusters: [
                {
                  name: 'refused',
                  url: `http://127.0.0.1:${refused}`,
                  skipTLSVerify: true,
                  serviceAccountToken: 'token-of-refused',
                },
                // A certificate no configured CA signed.
                {
                  name: 'untrusted',
                  url: tls.url,
                  serviceAccountToken: tls.token,
                },
                clusterEntry('plain', plain),
              ],
              fleets: [
                {
                  name: 'f',
                  storage: 'foundationdb',
                  regions: [
                    {
                      id: 'r-refused',
                      role: 'primary',
                      cluster: 'refused',
                      prometheus: {
                        url: `http://bench:${SECRET}@127.0.0.1:${refused}`,
                        regionLabel: 'region',
                      },
                    },
                    { id: 'r-tls', role: 'replica', cluster: 'untrusted' },
                    {
                      id: 'r-auth',
                      role: 'replica',
                      cluster: 'plain',
                      prometheus: {
                        url: `http://bench:${SECRET}@127.0.0.1:${prometheusPort}`,
                        regionLabel: 'region',
                      },
                    },
                    {
                      id: 'r-denied',
                      role: 'replica',
                      cluster: 'plain',
                      prometheus: {
                        url: `http://bench:not-the-password@127.0.0.1:${prometheusPort}`,
                        regionLabel: 'region',
                      },
                    },
                  ],
                },
              ],
              health: { sourceTimeout: { seconds: 5 } },
            },
          },
        }),
      ],
    });
    const res = await request(server)
      .post('/api/inferadb/fleets/f/refresh')
      .set('authorization', AUTH)
      .send({});
    expect(res.status).toBe(200);
    const regions: RegionHealth[] = res.body.regions;
    const source = (region: string, name: string) =>
      regions
        .find(r => r.region === region)!
        .sources.find(s => s.source === name)!;

    // Each with the kind of failure, which tells the page where to look.
    expect(source('r-refused', 'kubernetes')).toMatchObject({
      ok: false,
      error: 'connection refused',
      failure: 'network',
    });
    expect(source('r-refused', 'prometheus')).toMatchObject({
      ok: false,
      error: 'connection refused',
      failure: 'network',
    });
    expect(source('r-tls', 'kubernetes')).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^TLS failed \(\w+\)$/),
      failure: 'tls',
    });
    expect(source('r-denied', 'prometheus')).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^Prometheus answered HTTP 401/),
      failure: 'credentials',
    });
    // The URL's user info goes as Basic authentication, which this Prometheus requires.
    expect(source('r-auth', 'prometheus')).toMatchObject({ ok: true });
    expect(prometheus.seen.length).toBeGreaterThan(0);

    // No answer holds a host, port or credential.
    const answer = JSON.stringify(res.body);
    for (const hidden of [SECRET, String(refused), tls.url, '127.0.0.1'])
      expect(answer).not.toContain(hidden);

    // The log has the whole error, for the operator, and no credential.
    const log = logged.join('\n');
    expect(log).toContain(`127.0.0.1:${refused}`);
    expect(log).toMatch(/ECONNREFUSED/);
    expect(log).not.toContain(SECRET);
    expect(log).not.toContain('token-of-refused');
  });
});
