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
} from './schema';
export type {
  Fleet,
  FleetInput,
  FleetRegion,
  FleetRegionInput,
  FleetRegionRole,
  FleetRegionTargets,
  FleetStorage,
  FleetTailscale,
} from './schema';
export {
  FDB_PROCESS_COUNTS,
  LEDGER_REPLICAS,
  SERVICE_REPLICAS,
  WORKLOAD_SIZES,
} from './sizing';
export type { FdbProcessCounts, WorkloadSize } from './sizing';
export {
  formatMinuteOfWeek,
  isInWindow,
  MAINTENANCE_WINDOW_PATTERN,
  parseMaintenanceWindow,
} from './maintenanceWindow';
export type { WeeklyWindow } from './maintenanceWindow';
