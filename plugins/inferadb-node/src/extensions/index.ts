export { inferadbHealthCollectorsExtensionPoint } from './healthCollectors';
export type {
  AuthKeyDetails,
  InferadbHealthCollectorsExtensionPoint,
  KubernetesClientFactory,
  KubernetesRegionClient,
  MeshDevice,
  TailscaleHealthReader,
} from './healthCollectors';
