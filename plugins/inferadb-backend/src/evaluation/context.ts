import {
  FoundationDbHealth,
  HealthCheck,
  HealthSourceName,
  HealthStatus,
  WorkloadHealth,
} from '@inferadb-regions/plugin-inferadb-common';
import { RegionObservations } from '../collectors/types';
import { FleetConfig, HealthThresholds, RegionConfig } from '../config/types';

/** What every check family reads: the fleet, the region, its observations, the thresholds. */
export interface EvaluationContext {
  fleet: FleetConfig;
  region: RegionConfig;
  obs: RegionObservations;
  thresholds: HealthThresholds;
}

export type CheckBase = Omit<HealthCheck, 'status'>;

/** A check whose source could not be read or gave nothing for it. */
export function unknownCheck(
  base: CheckBase,
  obs: RegionObservations,
  source: HealthSourceName,
): HealthCheck {
  const failed = obs.sources.find(s => s.source === source && !s.ok);
  return {
    ...base,
    status: 'unknown',
    source,
    reason: failed
      ? `${source} source failed: ${failed.error}`
      : `${source} gave no data for this check`,
  };
}

/** Healthy below `degradedAbove`, degraded above it, critical from `criticalFrom` on. */
export function thresholdStatus(
  value: number,
  degradedAbove: number,
  criticalFrom?: number,
): HealthStatus {
  if (criticalFrom !== undefined && value >= criticalFrom) return 'critical';
  return value > degradedAbove ? 'degraded' : 'healthy';
}

/** The smallest number of members that is more than half of `n`. */
export const majorityOf = (n: number) => Math.floor(n / 2) + 1;

/** Ready and desired pods of a component's workloads, summed. */
export function podsOf(
  workloads: WorkloadHealth[],
  component: WorkloadHealth['component'],
) {
  const own = workloads.filter(w => w.component === component);
  return {
    workloads: own.length,
    ready: own.reduce((n, w) => n + w.ready, 0),
    desired: own.reduce((n, w) => n + w.desired, 0),
  };
}

/** The data centers of the deployed FDB regions, satellites included. */
export const dataCentersOf = (fdb: FoundationDbHealth) =>
  new Set(fdb.regions.flatMap(r => [r.dataCenter, ...r.satellites]));
