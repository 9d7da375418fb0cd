export * from './operations';
export * from './problems';
export { fleetFileText } from './fleetFileText';
export {
  readFleetFile,
  type FleetFileProblem,
  type FleetFileReading,
} from './parseFleet';
export { validateFleet, type FleetValidation } from './validate';
export {
  renderFleet,
  databaseConfiguration,
  foundationDbCluster,
  fleetEntity,
  regionEntity,
  tailscalePolicy,
} from './render';
export { fdbStages, type FdbStage } from './stages';
export { type FleetPlan, type PlannedChange } from './plan';
export { type FileChange } from './changes';
export {
  FLEET_ENTITY_FILE,
  FLEET_FILE,
  GENERATED_MANIFEST_FILE,
  TAILSCALE_POLICY_FILE,
  regionFiles,
} from './layout';
export {
  MESH_SECRET_KEY,
  meshKeys,
  meshSecretName,
  newMeshKeys,
  regionMesh,
  type RegionMeshKey,
  type MeshKey,
  type MeshRole,
} from './mesh';
export {
  dataCenterId,
  fdbClusterName,
  fdbDataCenters,
  fleetTags,
} from './topology';
export { CONTROL_RELEASE, ENGINE_RELEASE } from './render/serviceValues';
export { PORTS } from './layout';
