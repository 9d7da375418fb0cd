import { FoundationDbHealth } from '@internal/plugin-inferadb-common';
import { FleetConfig } from '../config/types';

/**
 * What a DR region's take-over would cost even when it is ready. FoundationDB keeps the
 * primary's newest commits on satellite transaction logs; without a satellite they live
 * only in the primary's data center, so losing it means recovering the DR region with
 * `force_recovery_with_data_loss` (FoundationDB's configuration.rst, "Asymmetric
 * configurations" and "Changing the region configuration").
 */
export function failoverCaveats(
  fleet: FleetConfig,
  fdb: FoundationDbHealth | undefined,
): string[] {
  if (fleet.storage !== 'foundationdb') return [];
  const declared = fleet.regions.some(r => r.role === 'satellite');
  const deployed = fdb?.regions?.some(r => r.satellites.length > 0) ?? false;
  if (declared || deployed) return [];
  return [
    'the fleet has no satellite data center, so if the primary is lost the DR region can take over only with force_recovery_with_data_loss, losing the commits not yet copied to it: add a region with role satellite',
  ];
}
