/**
 * Types, schemas and permissions shared by the InferaDB Regions plugins.
 *
 * @packageDocumentation
 */

export {
  belongsToFleet,
  FLEET_ANNOTATION,
  FLEET_FILE_ANNOTATION,
  fleetAnnotationOf,
  fleetFileUrlOf,
  isFleetEntity,
  isRegionEntity,
  readFleetEntity,
  readRegionEntity,
  REGION_ANNOTATION,
  REGION_RESOURCE_TYPE,
  REGION_ROLE_ANNOTATION,
  regionAnnotationOf,
} from './catalog';
export type { RegionEntityInfo } from './catalog';
export { compareStatusSeverity, HEALTH_STATUSES, worstStatus } from './health';
export type {
  CheckStatus,
  FailoverReadiness,
  FdbCoordinators,
  FdbRegionConfig,
  FleetFileStatus,
  FleetHealth,
  FleetSummary,
  FoundationDbHealth,
  HealthCheck,
  HealthComponent,
  HealthHistoryPoint,
  HealthSourceName,
  HealthStatus,
  HealthValue,
  LedgerHealth,
  MaintenanceWindow,
  MeshHealth,
  PriorityCheck,
  RegionActuals,
  RegionHealth,
  RegionRole,
  RegionTargets,
  ServiceHealth,
  SourceResult,
  StorageKind,
  WorkloadHealth,
} from './health';
export {
  inferadbClusterListPermission,
  inferadbFleetHealthReadPermission,
  inferadbFleetHealthRefreshPermission,
  inferadbPermissions,
} from './permissions';
export { INFERADB_API_PATHS, isRegionPending } from './api';
export type {
  GetFleetHealthResponse,
  GetRegionHealthResponse,
  GetRegionHistoryResponse,
  ListClustersResponse,
  ListFleetsResponse,
  RefreshFleetRequest,
  RefreshFleetResponse,
  RegionHistoryQuery,
  RegionPendingResponse,
} from './api';
export {
  dns1123Label,
  FDB_CONNECTION_STRING,
  FDB_PROCESS_COUNTS,
  FDB_SATELLITE_REDUNDANCY_MODES,
  FDB_STORAGE_ENGINES,
  FLEET_API_VERSION,
  FLEET_KIND,
  FLEET_REGION_ROLES,
  FLEET_STORAGE_TYPES,
  fleetRegionSchema,
  fleetRegionTargetsSchema,
  fleetSchema,
  fleetStorageSchema,
  fleetTailscaleSchema,
  formatMinuteOfWeek,
  isInWindow,
  LEDGER_REPLICAS,
  MAINTENANCE_WINDOW_PATTERN,
  MAX_CONNECTION_STRING_LENGTH,
  MAX_FLEET_FILE_BYTES,
  MAX_FLEET_REGIONS,
  parseMaintenanceWindow,
  pinnedImage,
  SERVICE_REPLICAS,
  WORKLOAD_SIZES,
} from './fleet';
export type {
  FdbProcessCounts,
  Fleet,
  FleetInput,
  FleetRegion,
  FleetRegionInput,
  FleetRegionRole,
  FleetRegionTargets,
  FleetStorage,
  FleetTailscale,
  WeeklyWindow,
  WorkloadSize,
} from './fleet';
