import {
  FleetHealth,
  FleetSummary,
  RegionHealth,
  worstStatus,
} from '@inferadb-regions/plugin-inferadb-common';
import { FleetConfig } from '../config/types';

/** Fleet-wide view over the latest region snapshots. */
export function evaluateFleet(
  fleet: FleetConfig,
  regions: RegionHealth[],
): FleetHealth {
  const byId = new Map(regions.map(r => [r.region, r]));
  // Keep configuration order; regions never collected yet are absent.
  const ordered = fleet.regions
    .map(r => byId.get(r.id))
    .filter((r): r is RegionHealth => !!r);
  const issues: string[] = [];
  const deployedPrimaries = new Set(
    ordered.map(r => r.priority?.deployedPrimary).filter(Boolean) as string[],
  );
  const contradiction = ordered.find(r => r.priority?.contradictsDeclaredRole);
  if (contradiction?.priority?.reason)
    issues.push(contradiction.priority.reason);
  if (deployedPrimaries.size > 1) {
    issues.push(
      `regions disagree on the FDB primary (${[...deployedPrimaries].join(
        ', ',
      )}); their databaseConfiguration must be identical`,
    );
  }
  const missing = fleet.regions.filter(r => !byId.has(r.id)).map(r => r.id);
  if (missing.length) issues.push(`not collected yet: ${missing.join(', ')}`);
  const dcToRegion = new Map(fleet.regions.map(r => [r.dataCenter, r.id]));
  const deployedDc =
    deployedPrimaries.size === 1 ? [...deployedPrimaries][0] : undefined;
  const times = ordered.map(r => r.collectedAt).sort();
  return {
    fleet: fleet.name,
    storage: fleet.storage,
    status: worstStatus([
      ...ordered.map(r => r.status),
      ...(missing.length ? (['unknown'] as const) : []),
    ]),
    declaredPrimary: fleet.regions.find(r => r.role === 'primary')?.id,
    ...(deployedDc
      ? { deployedPrimary: dcToRegion.get(deployedDc) ?? deployedDc }
      : {}),
    issues,
    regions: ordered,
    ...(times.length ? { collectedAt: times[times.length - 1] } : {}),
  };
}

/** The compact form of the fleet list. */
export function summarizeFleet(
  fleet: FleetConfig,
  health: FleetHealth,
): FleetSummary {
  const byId = new Map(health.regions.map(r => [r.region, r]));
  return {
    fleet: fleet.name,
    storage: fleet.storage,
    status: health.status,
    regions: fleet.regions.map(r => ({
      region: r.id,
      declaredRole: r.role,
      status: byId.get(r.id)?.status ?? 'unknown',
    })),
    ...(health.collectedAt ? { collectedAt: health.collectedAt } : {}),
    ...(health.fleetFile ? { fleetFile: health.fleetFile } : {}),
  };
}
