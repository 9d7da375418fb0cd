import { createExtensionPoint } from '@backstage/backend-plugin-api';
import { KubernetesClientFactory } from './collectors/kubernetesClient';
import { TailscaleHealthReader } from './collectors/tailscale';

/** Lets a module replace the clients the health collectors use. */
export interface InferadbHealthCollectorsExtensionPoint {
  /** Replaces the client per cluster name (default: `inferadb.clusters`). */
  setKubernetesClientFactory(factory: KubernetesClientFactory): void;
  /** Sets the Tailscale reader (default: none, the mesh source is skipped). */
  setTailscaleReader(reader: TailscaleHealthReader): void;
}

/** @public */
export const inferadbHealthCollectorsExtensionPoint =
  createExtensionPoint<InferadbHealthCollectorsExtensionPoint>({
    id: 'inferadb.health-collectors',
  });
