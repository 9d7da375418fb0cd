import {
  HealthCheck,
  HealthSourceName,
  HealthStatus,
} from '@internal/plugin-inferadb-common';
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
