export {
  addRegion,
  initFleet,
  loadFleet,
  removeRegion,
  renderFleetDirectory,
  validateFleetDirectory,
} from './operations';
export type {
  AddRegionRequest,
  FleetChangeOptions,
  FleetChangeResult,
  FleetDirectoryValidation,
  InitFleetRequest,
  LoadedFleet,
} from './operations';
export { FleetValidationError, formatProblems } from './problems';
export type { FleetProblem } from './problems';
export { fleetFileText } from './fleetFileText';
export {
  readFleetFile,
  type FleetFileProblem,
  type FleetFileReading,
} from './parseFleet';
export { validateFleet, type FleetValidation } from './validate';
export {
  renderFleet,
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
  type FdbDataCenter,
} from './topology';
export { CONTROL_RELEASE, ENGINE_RELEASE } from './render/serviceValues';
export { PORTS } from './layout';
