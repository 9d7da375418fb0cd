import {
  FoundationDbHealth,
  PriorityCheck,
  RegionRole,
} from '@inferadb-regions/plugin-inferadb-common';
import { FleetConfig, RegionConfig } from '../config/types';

/**
 * The region FDB prefers as primary: the main data center with the highest priority
 * (FDB prefers higher numbers; -1 never becomes primary).
 */
export function deployedPrimaryOf(fdb: FoundationDbHealth): string | undefined {
  const eligible = fdb.regions.filter(r => r.priority >= 0);
  if (!eligible.length) return undefined;
  const top = Math.max(...eligible.map(r => r.priority));
  const leaders = eligible.filter(r => r.priority === top);
  // Two regions with the same priority: FDB picks either, so nothing is known.
  return leaders.length === 1 ? leaders[0].dataCenter : undefined;
}

/** The role the deployed FDB configuration gives the region's data center. */
export function deployedRoleOf(
  region: RegionConfig,
  fdb: FoundationDbHealth | undefined,
): RegionRole | 'unknown' {
  if (!fdb) return 'unknown';
  const dc = fdb.dataCenter ?? region.dataCenter;
  if (!fdb.regions.length) {
    // A single-region cluster: primary of its own data, or a read replica fed by InferaDB.
    return region.role === 'replica' || region.role === 'primary'
      ? region.role
      : 'unknown';
  }
  if (fdb.regions.some(r => r.satellites.includes(dc))) return 'satellite';
  const own = fdb.regions.find(r => r.dataCenter === dc);
  if (!own) return region.role === 'replica' ? 'replica' : 'unknown';
  if (deployedPrimaryOf(fdb) === dc) return 'primary';
  return own.priority >= 0 ? 'dr' : 'replica';
}

/**
 * Compares the deployed priorities with the declared primary. The original design
 * documents gave the primary the lower number, which makes the DR region primary.
 */
export function priorityCheckOf(
  fleet: FleetConfig,
  fdb: FoundationDbHealth | undefined,
): PriorityCheck | undefined {
  if (!fdb || fdb.regions.length === 0) return undefined;
  const declared = fleet.regions.find(r => r.role === 'primary');
  const deployedPrimary = deployedPrimaryOf(fdb);
  const result: PriorityCheck = {
    deployedPriority: fdb.priority,
    deployedPrimary,
    contradictsDeclaredRole: false,
  };
  if (!declared) return result;
  const declaredDc = declared.dataCenter;
  const declaredEntry = fdb.regions.find(r => r.dataCenter === declaredDc);
  if (!declaredEntry) {
    result.contradictsDeclaredRole = true;
    result.reason = `declared primary ${declared.id} (data center ${declaredDc}) is not a main data center in the deployed FDB regions`;
  } else if (deployedPrimary !== declaredDc) {
    const others = fdb.regions
      .filter(r => r.dataCenter !== declaredDc)
      .map(r => `${r.dataCenter}=${r.priority}`)
      .join(', ');
    result.contradictsDeclaredRole = true;
    result.reason =
      deployedPrimary === undefined
        ? `no single data center has the highest FDB priority (${declaredDc}=${declaredEntry.priority}, ${others}); give the declared primary ${declared.id} the highest priority`
        : `FDB prefers the higher priority, so ${deployedPrimary} is primary, not the declared primary ${declared.id} (${declaredDc}=${declaredEntry.priority}, ${others}); give ${declared.id} the highest priority and DR regions 0`;
  }
  return result;
}
