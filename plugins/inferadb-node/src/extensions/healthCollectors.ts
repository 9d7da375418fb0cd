import { createExtensionPoint } from '@backstage/backend-plugin-api';
import type * as k8s from '@kubernetes/client-node';

// The health collectors' extension point and the clients it takes live here, not in the
// backend plugin, so a module that supplies clients depends on this library only.

/**
 * The reads the Kubernetes collector makes against one region's API server.
 *
 * @public
 */
export interface KubernetesRegionClient {
  listPods(namespace: string, signal: AbortSignal): Promise<k8s.V1Pod[]>;
  listStatefulSets(
    namespace: string,
    signal: AbortSignal,
  ): Promise<k8s.V1StatefulSet[]>;
  listDeployments(
    namespace: string,
    signal: AbortSignal,
  ): Promise<k8s.V1Deployment[]>;
  listFoundationDbClusters(
    namespace: string,
    signal: AbortSignal,
  ): Promise<any[]>;
  /** GET through the API server's service proxy; non-2xx answers are returned, not thrown. */
  proxyGet(
    namespace: string,
    service: string,
    path: string,
    signal: AbortSignal,
  ): Promise<{ status: number; body: string }>;
}

/**
 * Gives the client of a cluster named in `inferadb.clusters`.
 *
 * @public
 */
export type KubernetesClientFactory = (
  cluster: string,
) => Promise<KubernetesRegionClient>;

/**
 * A tailnet device, with the fields the mesh checks read (Tailscale API v2).
 *
 * @public
 */
export interface MeshDevice {
  tags?: string[];
  connectedToControl?: boolean;
  expires?: string;
  keyExpiryDisabled?: boolean;
}

/**
 * The Tailscale reads the collector makes; this library's `TailscaleClient` has this shape.
 *
 * @public
 */
export interface TailscaleHealthReader {
  listDevices(options?: { tags?: string[] }): Promise<MeshDevice[]>;
  getKey(keyId: string): Promise<AuthKeyDetails>;
  /** When present, a region without `tailscaleKeyId` has its key found by its tags. */
  listKeys?(): Promise<Array<{ id: string }>>;
}

/**
 * What the collector needs to know of an auth key.
 *
 * @public
 */
export interface AuthKeyDetails {
  id: string;
  created?: string;
  expires?: string;
  invalid: boolean;
  capabilities?: { devices?: { create?: { tags?: string[] } } };
}

/**
 * Lets a module replace the clients the health collectors use. Each setter may be called
 * once: a second call throws, so two modules never silently override each other.
 *
 * @public
 */
export interface InferadbHealthCollectorsExtensionPoint {
  /** Replaces the client per cluster name (default: `inferadb.clusters`). */
  setKubernetesClientFactory(factory: KubernetesClientFactory): void;
  /** Sets the Tailscale reader (default: none, the mesh source is skipped). */
  setTailscaleReader(reader: TailscaleHealthReader): void;
}

/**
 * The extension point of the InferaDB backend plugin's health collectors.
 *
 * @public
 */
export const inferadbHealthCollectorsExtensionPoint =
  createExtensionPoint<InferadbHealthCollectorsExtensionPoint>({
    id: 'inferadb.health-collectors',
  });
