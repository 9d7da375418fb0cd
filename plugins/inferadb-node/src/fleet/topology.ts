import {
  FDB_PROCESS_COUNTS,
  FdbProcessCounts,
  Fleet,
  FleetRegion,
  LEDGER_REPLICAS,
  SERVICE_REPLICAS,
} from '@inferadb-regions/plugin-inferadb-common';

/** Priority of the primary's main data center: FDB prefers the HIGHER number. */
export const PRIMARY_PRIORITY = 1;
/** Priority of the DR main data center: lower than the primary, yet able to take over. */
export const DR_PRIORITY = 0;

/**
 * One FoundationDB data center of a fleet, run by one FoundationDBCluster.
 *
 * @public
 */
export interface FdbDataCenter {
  region: FleetRegion;
  id: string;
  clusterName: string;
  kind: 'main' | 'satellite';
}

/**
 * The data center id of a region (`dataCenter`, else the region id).
 *
 * @public
 */
export function dataCenterId(region: FleetRegion): string {
  return region.dataCenter ?? region.id;
}

/**
 * The FoundationDBCluster name of a data center.
 *
 * @public
 */
export function fdbClusterName(fleet: Fleet, dataCenter: string): string {
  return `${fleet.metadata.name}-${dataCenter}`;
}

/** The regions holding FDB main data centers: primary first, then DR. */
export function mainRegions(fleet: Fleet): FleetRegion[] {
  const primary = fleet.spec.regions.filter(r => r.role === 'primary');
  const dr = fleet.spec.regions.filter(r => r.role === 'dr');
  return [...primary, ...dr];
}

/**
 * Data centers in the order the operator must meet them: the primary's first (it creates
 * the database; every other one joins it through seedConnectionString).
 *
 * @public
 */
export function fdbDataCenters(fleet: Fleet): FdbDataCenter[] {
  if (fleet.spec.storage.type !== 'foundationdb') {
    return [];
  }
  const satellites = fleet.spec.regions.filter(r => r.role === 'satellite');
  return [
    ...mainRegions(fleet).map(region => ({ region, kind: 'main' as const })),
    ...satellites.map(region => ({ region, kind: 'satellite' as const })),
  ].map(({ region, kind }) => ({
    region,
    kind,
    id: dataCenterId(region),
    clusterName: fdbClusterName(fleet, dataCenterId(region)),
  }));
}

/** Replicas FDB keeps of each piece of data beyond the first, per redundancy mode. */
const FAULT_TOLERANCE: Record<string, number> = {
  single: 0,
  double: 1,
  triple: 2,
};

/**
 * The process counts the fdb-kubernetes-operator (v2.33) chooses when a count is left at 0
 * (`GetProcessCountsWithDefaults` and `GetRoleCountsWithDefaults` in
 * api/v1beta2/foundationdbcluster_types.go), for a main data center that names one
 * cluster_controller process, as ours do. With F the redundancy mode's fault tolerance:
 * storage 2F+1; log 3 logs + F; stateless max(master, resolver, ratekeeper, data
 * distributor and 3 proxies = 7, log routers = 3 × 3 logs when two regions are usable) + F.
 */
export function operatorDefaultProcessCounts(
  fleet: Fleet,
): Omit<FdbProcessCounts, 'cluster_controller'> {
  const storage = fleet.spec.storage;
  const f =
    storage.type === 'foundationdb'
      ? FAULT_TOLERANCE[storage.redundancyMode]
      : 0;
  const usableRegions = mainRegions(fleet).length > 1 ? 2 : 1;
  const logs = 3;
  const primaryStateless = 1 + 1 + 1 + 1 + 3;
  const logRouters = usableRegions > 1 ? 3 * logs : 0;
  return {
    storage: 2 * f + 1,
    log: logs + f,
    stateless: Math.max(primaryStateless, logRouters) + f,
  };
}

/**
 * Process counts of a main data center: the workload's row raised to the operator's
 * defaults (never fewer processes than the operator would run), then the region's
 * explicit overrides, which validation holds to the same floor.
 */
export function mainProcessCounts(
  fleet: Fleet,
  region: FleetRegion,
): FdbProcessCounts {
  const workload = FDB_PROCESS_COUNTS[region.workload];
  const floor = operatorDefaultProcessCounts(fleet);
  return {
    storage: Math.max(workload.storage, floor.storage),
    log: Math.max(workload.log, floor.log),
    stateless: Math.max(workload.stateless, floor.stateless),
    cluster_controller: workload.cluster_controller,
    ...region.processCounts,
  };
}

/**
 * The log processes the operator gives a satellite-only data center by default: one more
 * than the `satellite_logs` it recruits there.
 */
export function operatorDefaultSatelliteLogs(fleet: Fleet): number {
  return fleet.spec.storage.type === 'foundationdb'
    ? fleet.spec.storage.satelliteLogs + 1
    : 0;
}

/**
 * Process counts of a satellite data center: transaction logs only (-1 means none of a
 * class), at least as many as the operator's default for a satellite.
 */
export function satelliteProcessCounts(
  fleet: Fleet,
  region: FleetRegion,
): FdbProcessCounts {
  return {
    storage: -1,
    stateless: -1,
    cluster_controller: -1,
    log: Math.max(
      FDB_PROCESS_COUNTS[region.workload].log,
      operatorDefaultSatelliteLogs(fleet),
    ),
    ...region.processCounts,
  };
}

/** Whether a region runs its own Ledger Raft cluster. */
export function hasLedgerCluster(fleet: Fleet, region: FleetRegion): boolean {
  return (
    fleet.spec.storage.type === 'ledger' && region.regionalStorage !== false
  );
}

/** Ledger replicas of a region: the workload's count unless overridden. */
export function ledgerReplicas(region: FleetRegion): number {
  return region.ledgerReplicas ?? LEDGER_REPLICAS[region.workload];
}

/** Engine and Control replicas of a region. */
export function serviceReplicas(region: FleetRegion) {
  return SERVICE_REPLICAS[region.workload];
}

/** The primary region (validation guarantees exactly one). */
export function primaryRegion(fleet: Fleet): FleetRegion {
  const primary = fleet.spec.regions.find(r => r.role === 'primary');
  if (!primary) {
    throw new Error('fleet has no primary region');
  }
  return primary;
}

/**
 * Tailscale tags of the fleet.
 *
 * @public
 */
export function fleetTags(fleet: Fleet) {
  const prefix = fleet.spec.tailscale.tagPrefix;
  return {
    storage:
      fleet.spec.storage.type === 'foundationdb' ? 'tag:fdb' : 'tag:ledger',
    engine: `tag:${prefix}-engine`,
    control: `tag:${prefix}-control`,
    router: `tag:${prefix}-router`,
    // The OAuth client's own tag: it owns every other tag, so it may mint keys for them.
    owner: `tag:${prefix}`,
    region: (regionId: string) => `tag:${prefix}-${regionId}`,
  };
}
