import {
  FDB_PROCESS_COUNTS,
  FdbProcessCounts,
  Fleet,
  FleetRegion,
  LEDGER_REPLICAS,
  SERVICE_REPLICAS,
} from '@internal/plugin-inferadb-common';

/** Priority of the primary's main data center: FDB prefers the HIGHER number. */
export const PRIMARY_PRIORITY = 1;
/** Priority of the DR main data center: lower than the primary, yet able to take over. */
export const DR_PRIORITY = 0;

/** One FoundationDB data center of a fleet, run by one FoundationDBCluster. */
export interface FdbDataCenter {
  region: FleetRegion;
  id: string;
  clusterName: string;
  kind: 'main' | 'satellite';
}

/** The data center id of a region (`dataCenter`, else the region id). */
export function dataCenterId(region: FleetRegion): string {
  return region.dataCenter ?? region.id;
}

/** The FoundationDBCluster name of a data center. */
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

/** Process counts of a main data center: the workload's table row, then overrides. */
export function mainProcessCounts(region: FleetRegion): FdbProcessCounts {
  return { ...FDB_PROCESS_COUNTS[region.workload], ...region.processCounts };
}

/**
 * Process counts of a satellite data center: transaction logs only (-1 means none of a
 * class). FDB advises as many satellite logs as main logs, and at least satellite_logs.
 */
export function satelliteProcessCounts(
  fleet: Fleet,
  region: FleetRegion,
): FdbProcessCounts {
  const satelliteLogs =
    fleet.spec.storage.type === 'foundationdb'
      ? fleet.spec.storage.satelliteLogs
      : 0;
  return {
    storage: -1,
    stateless: -1,
    cluster_controller: -1,
    log: Math.max(FDB_PROCESS_COUNTS[region.workload].log, satelliteLogs),
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

/** Tailscale tags of the fleet. */
export function fleetTags(fleet: Fleet) {
  const prefix = fleet.spec.tailscale.tagPrefix;
  return {
    storage:
      fleet.spec.storage.type === 'foundationdb' ? 'tag:fdb' : 'tag:ledger',
    engine: `tag:${prefix}-engine`,
    control: `tag:${prefix}-control`,
    region: (regionId: string) => `tag:${prefix}-${regionId}`,
  };
}
