import type { Config } from '@backstage/config';
import { InputError, NotFoundError } from '@backstage/errors';
import type * as KubernetesModule from '@kubernetes/client-node';
import type { KubeConfig } from '@kubernetes/client-node';

/**
 * One entry of `inferadb.clusters` in app-config.
 *
 * @public
 */
export interface KubernetesClusterConfig {
  /** What templates and fleet regions refer to; the only thing a form may choose. */
  name: string;
  /** API server URL; absent only when `kubeconfigContext` is used. */
  url?: string;
  /** Base64 PEM of the API server's CA. */
  caData?: string;
  skipTLSVerify: boolean;
  /** Bearer token of a service account (secret). */
  serviceAccountToken?: string;
  /** A context of the local kubeconfig instead of url + token (development). */
  kubeconfigContext?: string;
}

/**
 * The `@kubernetes/client-node` module, loaded once (it is ESM-only).
 *
 * @public
 */
export type KubernetesClientModule = typeof KubernetesModule;

let modulePromise: Promise<KubernetesClientModule> | undefined;

/**
 * Loads `@kubernetes/client-node` with a dynamic import, as it ships only as ESM.
 *
 * @public
 */
export function loadKubernetesClient(): Promise<KubernetesClientModule> {
  modulePromise ??= import('@kubernetes/client-node');
  return modulePromise;
}

/**
 * Reads and checks `inferadb.clusters`; names must be unique.
 *
 * @public
 */
export function readKubernetesClusters(
  config: Config,
): KubernetesClusterConfig[] {
  const entries = config.getOptionalConfigArray('inferadb.clusters') ?? [];
  const seen = new Set<string>();
  return entries.map((c, index) => {
    const name = c.getString('name');
    if (seen.has(name)) {
      throw new InputError(
        `inferadb.clusters[${index}].name "${name}" is used twice: cluster names must be unique`,
      );
    }
    seen.add(name);
    const url = c.getOptionalString('url');
    const kubeconfigContext = c.getOptionalString('kubeconfigContext');
    if (!url && !kubeconfigContext) {
      throw new InputError(
        `inferadb.clusters[${index}] ("${name}") needs url (with serviceAccountToken) or kubeconfigContext`,
      );
    }
    return {
      name,
      url,
      caData: c.getOptionalString('caData'),
      skipTLSVerify: c.getOptionalBoolean('skipTLSVerify') ?? false,
      serviceAccountToken: c.getOptionalString('serviceAccountToken'),
      kubeconfigContext,
    };
  });
}

/**
 * The Kubernetes clusters of app-config, by name. A form or a fleet region names a
 * cluster; the URL and credentials come only from here.
 *
 * @public
 */
export class KubernetesClusters {
  readonly #clusters: Map<string, KubernetesClusterConfig>;
  readonly #kubeConfigs = new Map<string, Promise<KubeConfig>>();

  static fromConfig(config: Config): KubernetesClusters {
    return new KubernetesClusters(readKubernetesClusters(config));
  }

  constructor(clusters: KubernetesClusterConfig[]) {
    this.#clusters = new Map(clusters.map(c => [c.name, c]));
  }

  /** Names of the configured clusters, in config order. */
  names(): string[] {
    return [...this.#clusters.keys()];
  }

  has(name: string): boolean {
    return this.#clusters.has(name);
  }

  /** The cluster's settings; an error naming the known clusters when it is not configured. */
  get(name: string): KubernetesClusterConfig {
    const cluster = this.#clusters.get(name);
    if (!cluster) {
      const known = this.names();
      throw new NotFoundError(
        `Kubernetes cluster "${name}" is not in inferadb.clusters of app-config; ${
          known.length
            ? `known clusters: ${known.join(', ')}`
            : 'no clusters are configured'
        }`,
      );
    }
    return cluster;
  }

  /** A KubeConfig for the named cluster (built once and reused). */
  kubeConfig(name: string): Promise<KubeConfig> {
    const cluster = this.get(name);
    let kc = this.#kubeConfigs.get(name);
    if (!kc) {
      kc = buildKubeConfig(cluster);
      kc.catch(() => this.#kubeConfigs.delete(name));
      this.#kubeConfigs.set(name, kc);
    }
    return kc;
  }
}

/**
 * A KubeConfig from one app-config cluster entry.
 *
 * @public
 */
export async function buildKubeConfig(
  cluster: KubernetesClusterConfig,
): Promise<KubeConfig> {
  const k8s = await loadKubernetesClient();
  const kc = new k8s.KubeConfig();
  if (cluster.kubeconfigContext && !cluster.url) {
    kc.loadFromDefault();
    if (!kc.getContextObject(cluster.kubeconfigContext)) {
      throw new InputError(
        `inferadb.clusters "${cluster.name}": context "${cluster.kubeconfigContext}" is not in the local kubeconfig`,
      );
    }
    kc.setCurrentContext(cluster.kubeconfigContext);
    return kc;
  }
  kc.loadFromOptions({
    clusters: [
      {
        name: cluster.name,
        server: cluster.url!,
        caData: cluster.caData,
        skipTLSVerify: cluster.skipTLSVerify,
      },
    ],
    users: [{ name: cluster.name, token: cluster.serviceAccountToken }],
    contexts: [
      { name: cluster.name, cluster: cluster.name, user: cluster.name },
    ],
    currentContext: cluster.name,
  });
  return kc;
}

/**
 * Per-call options for the generated API clients that abort a request after `ms`
 * (the client has no timeout of its own, and a hung API server would hang the caller).
 * Pass as the last argument, e.g. `core.readNamespacedSecret(params, withTimeout(k8s, 5000))`.
 *
 * @public
 */
export function withTimeout(
  k8s: KubernetesClientModule,
  ms: number,
): KubernetesModule.ConfigurationOptions {
  return {
    middleware: [
      {
        pre: ctx => {
          ctx.setSignal(AbortSignal.timeout(ms));
          return new k8s.Observable(Promise.resolve(ctx));
        },
        post: ctx => new k8s.Observable(Promise.resolve(ctx)),
      },
    ],
    middlewareMergeStrategy: 'append',
  };
}
