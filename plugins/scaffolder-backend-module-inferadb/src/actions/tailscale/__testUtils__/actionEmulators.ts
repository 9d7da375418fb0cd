import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import {
  KubernetesEmulator,
  startKubernetesEmulator,
  startTailscaleEmulator,
  TailscaleEmulator,
} from '@internal/inferadb-emulators';
import knexFactory from 'knex';
import { TailscaleActionOptions } from '../deps';

/** The cluster name the actions' examples use. */
export const EXAMPLE_CLUSTER = 'demo-us-west-1';

export interface ActionEmulators {
  ts: TailscaleEmulator;
  kube: KubernetesEmulator;
  /** Every audit event the actions recorded. */
  audits: Array<{ eventId: string; meta: Record<string, unknown> }>;
  /** Options for the action factories: real clients against the emulators, SQLite locks. */
  options: TailscaleActionOptions;
  stop(): Promise<void>;
}

/**
 * Loopback Tailscale and Kubernetes emulators and the options that point the Tailscale
 * actions at them, for tests that run an action alone with a mock action context.
 */
export async function startActionEmulators(
  overrides: Partial<TailscaleActionOptions> = {},
  /** How the actions authenticate to Tailscale: an API access token or an OAuth client. */
  tailscaleAuth: 'apiKey' | 'oauth' = 'apiKey',
): Promise<ActionEmulators> {
  const ts = await startTailscaleEmulator({
    tagOwners: {
      'tag:inferadb': [],
      'tag:inferadb-engine': ['tag:inferadb'],
      'tag:inferadb-us-west-1': ['tag:inferadb'],
      'tag:fdb': ['tag:inferadb'],
      'tag:other-team': [],
    },
  });
  const kube = await startKubernetesEmulator();
  // The lock table on an in-memory SQLite, as Backstage's SQLite database client opens it.
  const knex = knexFactory({
    client: 'better-sqlite3',
    connection: ':memory:',
    useNullAsDefault: true,
  });
  const audits: ActionEmulators['audits'] = [];
  const options: TailscaleActionOptions = {
    config: new ConfigReader({
      inferadb: {
        clusters: [
          {
            name: EXAMPLE_CLUSTER,
            url: kube.url,
            skipTLSVerify: true,
            serviceAccountToken: kube.token,
          },
        ],
        tailscale: {
          tailnet: '-',
          baseUrl: ts.url,
          ...(tailscaleAuth === 'oauth'
            ? {
                oauth: {
                  clientId: ts.oauthClient.clientId,
                  clientSecret: ts.oauthClient.clientSecret,
                },
              }
            : { apiKey: ts.apiKey }),
        },
      },
    }),
    database: mockServices.database({ knex }),
    auditor: {
      async createEvent({ eventId, meta = {} }) {
        audits.push({ eventId, meta });
        return { async success() {}, async fail() {} };
      },
    },
    ...overrides,
  };
  return {
    ts,
    kube,
    audits,
    options,
    async stop() {
      await ts.close();
      await kube.close();
      await knex.destroy();
    },
  };
}
