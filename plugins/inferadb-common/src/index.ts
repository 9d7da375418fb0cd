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
export {
  compareStatusSeverity,
  HEALTH_STATUSES,
  worstStatus,
} from './health/status';
export type { CheckStatus, HealthStatus } from './health/status';
export type {
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
  SourceFailure,
  SourceResult,
  StorageKind,
  WorkloadHealth,
} from './health/model';
export {
  inferadbClusterListPermission,
  inferadbFleetHealthReadPermission,
  inferadbFleetHealthRefreshPermission,
  inferadbPermissions,
} from './permissions';
export { INFERADB_API_PATHS, isRegionPending } from './api/health';
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
} from './api/health';
export {
  dns1123Label,
  FDB_CONNECTION_STRING,
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
  MAX_CONNECTION_STRING_LENGTH,
  MAX_FLEET_FILE_BYTES,
  MAX_FLEET_REGIONS,
  pinnedImage,
} from './fleet/schema';
export type {
  Fleet,
  FleetInput,
  FleetRegion,
  FleetRegionInput,
  FleetRegionRole,
  FleetRegionTargets,
  FleetStorage,
  FleetTailscale,
} from './fleet/schema';
export {
  FDB_PROCESS_COUNTS,
  LEDGER_REPLICAS,
  SERVICE_REPLICAS,
  WORKLOAD_SIZES,
} from './fleet/sizing';
export type { FdbProcessCounts, WorkloadSize } from './fleet/sizing';
export {
  formatMinuteOfWeek,
  isInWindow,
  MAINTENANCE_WINDOW_PATTERN,
  parseMaintenanceWindow,
} from './fleet/maintenanceWindow';
export type { WeeklyWindow } from './fleet/maintenanceWindow';
