export {
  buildKubeConfig,
  KubernetesClusters,
  loadKubernetesClient,
  readKubernetesClusters,
  withTimeout,
} from './clusters';
export type {
  KubernetesClientModule,
  KubernetesClusterConfig,
} from './clusters';
export {
  AuthKeySecretStore,
  DEFAULT_AUTH_KEY_SECRET_KEY,
  DEFAULT_AUTH_KEY_SECRET_NAME,
  KEY_CREATED_ANNOTATION,
  KEY_EXPIRES_ANNOTATION,
  KEY_ID_LABEL,
  KEY_TAGS_ANNOTATION,
  MANAGED_BY,
  MANAGED_BY_LABEL,
  secretMayHaveBeenWritten,
  REGION_LABEL,
} from './authKeySecret';
export type {
  AuthKeySecretRef,
  StoredAuthKeyInfo,
  WriteAuthKeySecretOptions,
  WrittenAuthKeySecret,
} from './authKeySecret';
