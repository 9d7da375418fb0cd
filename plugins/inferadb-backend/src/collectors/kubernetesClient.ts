import { Config } from '@backstage/config';
import type * as k8s from '@kubernetes/client-node';
import {
  KubernetesClusters,
  loadKubernetesClient,
  type KubernetesClientFactory,
  type KubernetesRegionClient,
} from '@inferadb-regions/plugin-inferadb-node';
import { nodeHttpLibrary } from './nodeHttpLibrary';
import { SourceError } from './sourceError';

// ESM-only package: loaded once, lazily, by the node library.
const loadK8s = loadKubernetesClient;

/**
 * Options that send every request of one call over the cluster's transport, tied to the
 * source's abort signal. The object-parameter API passes options to the observable layer
 * unwrapped, so the middleware answers with the client's own Observable.
 */
function requestOptions(
  mod: typeof k8s,
  httpApi: k8s.HttpLibrary,
  signal: AbortSignal,
): any {
  const pass = <T>(value: T) => new mod.Observable(Promise.resolve(value));
  return {
    httpApi,
    middleware: [
      {
        pre: (ctx: k8s.RequestContext) => {
          ctx.setSignal(signal as any);
          return pass(ctx);
        },
        post: (ctx: k8s.ResponseContext) => pass(ctx),
      },
    ],
    middlewareMergeStrategy: 'append',
  };
}

/** A client over @kubernetes/client-node for one cluster. */
export async function createKubernetesRegionClient(
  kc: k8s.KubeConfig,
): Promise<KubernetesRegionClient> {
  const mod = await loadK8s();
  const core = kc.makeApiClient(mod.CoreV1Api);
  const apps = kc.makeApiClient(mod.AppsV1Api);
  const custom = kc.makeApiClient(mod.CustomObjectsApi);
  // One transport per cluster, so its kept-alive connections serve every read.
  const httpApi = nodeHttpLibrary(mod);
  const withSignal = (signal: AbortSignal) =>
    requestOptions(mod, httpApi, signal);
  return {
    async listPods(namespace, signal) {
      return (await core.listNamespacedPod({ namespace }, withSignal(signal)))
        .items;
    },
    async listStatefulSets(namespace, signal) {
      return (
        await apps.listNamespacedStatefulSet({ namespace }, withSignal(signal))
      ).items;
    },
    async listDeployments(namespace, signal) {
      return (
        await apps.listNamespacedDeployment({ namespace }, withSignal(signal))
      ).items;
    },
    async listFoundationDbClusters(namespace, signal) {
      const list = await custom.listNamespacedCustomObject(
        {
          group: 'apps.foundationdb.org',
          version: 'v1beta2',
          namespace,
          plural: 'foundationdbclusters',
        },
        withSignal(signal),
      );
      if (!list || !Array.isArray(list.items)) {
        throw new SourceError(
          'FoundationDBCluster list has no items array',
          'bad-answer',
        );
      }
      return list.items;
    },
    async proxyGet(namespace, service, path, signal) {
      try {
        const info =
          await core.connectGetNamespacedServiceProxyWithPathWithHttpInfo(
            { namespace, name: service, path },
            withSignal(signal),
          );
        return { status: info.httpStatusCode, body: bodyText(info.data) };
      } catch (error: any) {
        if (typeof error?.code === 'number' && 'body' in error) {
          return { status: error.code, body: bodyText(error.body) };
        }
        throw error;
      }
    },
  };
}

function bodyText(data: unknown): string {
  return typeof data === 'string' ? data : JSON.stringify(data ?? null);
}

/**
 * The default factory: the clusters of `inferadb.clusters` (URL and credentials only from
 * there, through the node library's KubeConfig helpers), one client each, reused.
 */
export function clusterClientFactory(config: Config): KubernetesClientFactory {
  const clusters = KubernetesClusters.fromConfig(config);
  const clients = new Map<string, Promise<KubernetesRegionClient>>();
  return cluster => {
    let client = clients.get(cluster);
    if (!client) {
      try {
        client = clusters
          .kubeConfig(cluster)
          .then(createKubernetesRegionClient);
      } catch (error) {
        return Promise.reject(error);
      }
      client.catch(() => clients.delete(cluster));
      clients.set(cluster, client);
    }
    return client;
  };
}
