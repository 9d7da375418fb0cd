export * from './operations';
export * from './problems';
export { validateFleet, type FleetValidation } from './validate';
export {
  renderFleet,
  databaseConfiguration,
  foundationDbCluster,
  regionEntity,
  tailscalePolicy,
} from './render';
export { fdbStages, type FdbStage } from './stages';
export { type FleetPlan, type PlannedChange } from './plan';
export { type FileChange } from './changes';
export {
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
