import { createBackendModule } from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { FleetHealth } from '@inferadb-regions/plugin-inferadb-common';
import {
  inferadbHealthCollectorsExtensionPoint,
  KubernetesRegionClient,
  TailscaleHealthReader,
} from '@inferadb-regions/plugin-inferadb-node';
import request from 'supertest';
import { inferadbPlugin } from './plugin';

jest.setTimeout(60_000);

const config = {
  inferadb: {
    fleets: [
      {
        name: 'ext-fleet',
        storage: 'ledger',
        regions: [
          {
            id: 'us-west-1',
            role: 'primary',
            cluster: 'from-a-module',
            namespace: 'inferadb',
            tailscaleTags: ['tag:inferadb-us-west-1'],
          },
        ],
      },
    ],
    health: { refreshInterval: { minutes: 10 } },
  },
};

/** A module that hands the plugin its own clients. */
function clientsModule(
  moduleId: string,
  clients: {
    kubernetes?: (cluster: string) => Promise<KubernetesRegionClient>;
    tailscale?: TailscaleHealthReader;
  },
) {
  return createBackendModule({
    pluginId: 'inferadb',
    moduleId,
    register(env) {
      env.registerInit({
        deps: { collectors: inferadbHealthCollectorsExtensionPoint },
        async init({ collectors }) {
          if (clients.kubernetes) {
            collectors.setKubernetesClientFactory(clients.kubernetes);
          }
          if (clients.tailscale)
            collectors.setTailscaleReader(clients.tailscale);
        },
      });
    },
  });
}

const emptyCluster: KubernetesRegionClient = {
  listPods: async () => [],
  listStatefulSets: async () => [],
  listDeployments: async () => [],
  listFoundationDbClusters: async () => [],
  proxyGet: async () => ({ status: 503, body: '' }),
};

const noDevices: TailscaleHealthReader = {
  listDevices: async () => [],
  getKey: async id => ({ id, invalid: false }),
};

describe('the health collectors extension point', () => {
  it('collects through the clients a module hands in', async () => {
    const asked: string[] = [];
    const { server } = await startTestBackend({
      features: [
        inferadbPlugin,
        mockServices.rootConfig.factory({ data: config }),
        clientsModule('clients', {
          kubernetes: async cluster => {
            asked.push(cluster);
            return emptyCluster;
          },
          tailscale: noDevices,
        }),
      ],
    });
    const res = await request(server)
      .post('/api/inferadb/fleets/ext-fleet/refresh')
      .set('authorization', mockCredentials.user.header())
      .send({});
    expect(res.status).toBe(200);
    const fleet = res.body as FleetHealth;
    expect(asked).toContain('from-a-module');
    const sources = fleet.regions[0].sources.map(s => [s.source, s.ok]);
    expect(sources).toEqual(
      expect.arrayContaining([
        ['kubernetes', true],
        ['tailscale', true],
      ]),
    );
  });

  it.each([
    ['Kubernetes client factory', { kubernetes: async () => emptyCluster }],
    ['Tailscale reader', { tailscale: noDevices }],
  ])('refuses a second %s, naming it', async (what, clients) => {
    await expect(
      startTestBackend({
        features: [
          inferadbPlugin,
          mockServices.rootConfig.factory({ data: config }),
          clientsModule('first', clients),
          clientsModule('second', clients),
        ],
      }),
    ).rejects.toThrow(
      `The InferaDB ${what} was set twice: only one backend module may set it`,
    );
  });
});
