/**
 * Node library of the InferaDB Regions plugins: the deployment-repository model, the
 * Tailscale API client and Kubernetes access helpers.
 *
 * @packageDocumentation
 */

export { createTailscaleClient, parseRetryAfter } from './tailscale/client';
export type {
  TailscaleClientOptions,
  TailscaleRetryOptions,
} from './tailscale/client';
export {
  defaultTailscaleClientFactory,
  readTailscaleSettings,
  tailscaleClientFromConfig,
} from './tailscale/config';
export type {
  TailscaleClientFactory,
  TailscaleSettings,
} from './tailscale/config';
export { TAILSCALE_KEYS_CONSOLE } from './tailscale/errors';
export { AuthKeySecret } from './tailscale/secret';
export {
  MAX_DESCRIPTION_LENGTH,
  validateExpirySeconds,
  validateKeyDescription,
  validateTags,
} from './tailscale/validation';
export type {
  AuthKeyCapabilities,
  CreateAuthKeyRequest,
  CreatedAuthKey,
  TailscaleClient,
  TailscaleCredentials,
  TailscaleDevice,
  TailscaleKey,
} from './tailscale/types';
export {
  buildKubeConfig,
  KubernetesClusters,
  loadKubernetesClient,
  readKubernetesClusters,
  withTimeout,
} from './kubernetes/clusters';
export type {
  KubernetesClientModule,
  KubernetesClusterConfig,
} from './kubernetes/clusters';
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
} from './kubernetes/authKeySecret';
export type {
  AuthKeySecretRef,
  StoredAuthKeyInfo,
  WriteAuthKeySecretOptions,
  WrittenAuthKeySecret,
} from './kubernetes/authKeySecret';
export {
  addRegion,
  initFleet,
  loadFleet,
  removeRegion,
  renderFleetDirectory,
  validateFleetDirectory,
} from './fleet/operations';
export type {
  AddRegionRequest,
  FleetChangeOptions,
  FleetChangeResult,
  FleetDirectoryValidation,
  InitFleetRequest,
  LoadedFleet,
} from './fleet/operations';
export { FleetValidationError, formatProblems } from './fleet/problems';
export type { FleetProblem } from './fleet/problems';
export { fleetFileText } from './fleet/fleetFileText';
export {
  readFleetFile,
  type FleetFileProblem,
  type FleetFileReading,
} from './fleet/parseFleet';
export { validateFleet, type FleetValidation } from './fleet/validate';
export {
  renderFleet,
  fleetEntity,
  regionEntity,
  tailscalePolicy,
} from './fleet/render';
export { fdbStages, type FdbStage } from './fleet/stages';
export { type FleetPlan, type PlannedChange } from './fleet/plan';
export { type FileChange } from './fleet/changes';
export {
  FLEET_ENTITY_FILE,
  FLEET_FILE,
  GENERATED_MANIFEST_FILE,
  TAILSCALE_POLICY_FILE,
  regionFiles,
} from './fleet/layout';
export {
  MESH_SECRET_KEY,
  meshKeys,
  meshSecretName,
  newMeshKeys,
  regionMesh,
  type RegionMeshKey,
  type MeshKey,
  type MeshRole,
} from './fleet/mesh';
export {
  dataCenterId,
  fdbClusterName,
  fdbDataCenters,
  fleetTags,
  type FdbDataCenter,
} from './fleet/topology';
export { CONTROL_RELEASE, ENGINE_RELEASE } from './fleet/render/serviceValues';
export { PORTS } from './fleet/layout';
export { inferadbHealthCollectorsExtensionPoint } from './extensions/healthCollectors';
export type {
  AuthKeyDetails,
  InferadbHealthCollectorsExtensionPoint,
  KubernetesClientFactory,
  KubernetesRegionClient,
  MeshDevice,
  TailscaleHealthReader,
} from './extensions/healthCollectors';
export { stripCredentials } from './redact';
export { runInferadbRegionsCli, type CliIo } from './cli';
