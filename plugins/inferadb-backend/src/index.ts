/**
 * Backend plugin that collects per-region InferaDB health and serves it.
 *
 * @packageDocumentation
 */

export { inferadbPlugin as default } from './plugin';
export {
  inferadbHealthCollectorsExtensionPoint,
  type InferadbHealthCollectorsExtensionPoint,
} from './extensions';
export type {
  KubernetesClientFactory,
  KubernetesRegionClient,
} from './collectors/kubernetesClient';
export type { TailscaleHealthReader, MeshDevice } from './collectors/tailscale';
