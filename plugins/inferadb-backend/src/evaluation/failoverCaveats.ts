import { FoundationDbHealth } from '@inferadb-regions/plugin-inferadb-common';
import { FleetConfig } from '../config/types';
import { dataCentersOf, majorityOf } from './context';

/**
 * Where the coordinators not in this (the DR) data center are the primary's, and they are a
 * majority: the operator cannot spread 9 coordinators over two data centers without one
 * holding 5 (fdb-kubernetes-operator docs/manual/fault_domains.md).
 */
function primaryHoldsCoordinatorMajority(fdb: FoundationDbHealth | undefined) {
  const c = fdb?.coordinators;
  if (!c) return undefined;
  const elsewhere = c.total - c.here;
  return dataCentersOf(fdb!).size === 2 && elsewhere >= majorityOf(c.total)
    ? `${elsewhere} of ${c.total}`
    : undefined;
}

/**
 * What a DR region's take-over would cost even when it is ready. FoundationDB keeps the
 * primary's newest commits on satellite transaction logs; without a satellite they live
 * only in the primary's data center, so losing it means recovering the DR region with
 * `force_recovery_with_data_loss` (FoundationDB's configuration.rst, "Asymmetric
 * configurations" and "Changing the region configuration"). With two data centers, one
 * of them also holds a majority of the coordinators.
 */
export function failoverCaveats(
  fleet: FleetConfig,
  fdb: FoundationDbHealth | undefined,
): string[] {
  if (fleet.storage !== 'foundationdb') return [];
  const declared = fleet.regions.some(r => r.role === 'satellite');
  const deployed = fdb?.regions?.some(r => r.satellites.length > 0) ?? false;
  if (declared || deployed) return [];
  const coordinators = primaryHoldsCoordinatorMajority(fdb);
  return [
    `the fleet has no satellite data center, so if the primary is lost the DR region can take over only with force_recovery_with_data_loss, losing the commits not yet copied to it${
      coordinators
        ? `, and only after forcing new coordinators by hand: the primary's data center holds ${coordinators} coordinators`
        : ''
    }: add a region with role satellite`,
  ];
}
