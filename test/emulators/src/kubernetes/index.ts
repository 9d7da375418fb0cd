export { startKubernetesEmulator } from './server';
export type {
  KubeConfigOptions,
  KubernetesEmulator,
  KubernetesEmulatorOptions,
  RecordedRequest,
} from './server';
export type { KubernetesFault } from './faults';
export type {
  ServiceProxyHandler,
  ServiceProxyRequest,
  ServiceProxyResponse,
  ServiceProxyTarget,
} from './serviceProxy';
export type { KubernetesObject } from './store';
export type { KubernetesStatus } from './status';
