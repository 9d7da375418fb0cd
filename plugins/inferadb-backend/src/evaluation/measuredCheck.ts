import { HealthCheck } from '@inferadb-regions/plugin-inferadb-common';
import { Measurement } from '../collectors/types';
import { NOT_EXPORTED } from '../config/defaults';
import { HealthMetrics } from '../config/types';
import {
  CheckBase,
  EvaluationContext,
  thresholdStatus,
  unknownCheck,
} from './context';

/** A check over one Prometheus measurement against a limit. */
export interface MeasuredCheckSpec {
  base: CheckBase;
  metric: keyof HealthMetrics;
  value: (
    p: NonNullable<EvaluationContext['obs']['prometheus']>,
  ) => Measurement;
  /** No check without a limit (for example a target the region does not set). */
  limit: number | undefined;
  criticalFrom?: number;
  reason: (value: number, limit: number) => string;
}

/**
 * Evaluates a measurement: none when the region has no Prometheus; `not-available` when
 * no query is configured for the fleet's storage kind; `unknown` when Prometheus failed
 * or returned no sample.
 */
export function measuredCheck(
  ctx: EvaluationContext,
  spec: MeasuredCheckSpec,
): HealthCheck | undefined {
  const { obs, fleet } = ctx;
  if (spec.limit === undefined) return undefined;
  const base = { ...spec.base, target: spec.limit };
  if (obs.sources.some(s => s.source === 'prometheus' && s.skipped))
    return undefined;
  if (!obs.prometheus) return unknownCheck(base, obs, 'prometheus');
  const value = spec.value(obs.prometheus);
  if (value === undefined) {
    return {
      ...base,
      status: 'not-available',
      source: 'prometheus',
      reason:
        NOT_EXPORTED[fleet.storage][spec.metric] ??
        `no query is configured; set inferadb.health.metrics.${spec.metric}`,
    };
  }
  if (value === null) {
    return {
      ...base,
      status: 'unknown',
      source: 'prometheus',
      reason: `Prometheus has no sample for inferadb.health.metrics.${spec.metric}; check that the series is scraped with the region's label`,
    };
  }
  const status = thresholdStatus(value, spec.limit, spec.criticalFrom);
  return {
    ...base,
    status,
    actual: value,
    source: 'prometheus',
    reason: status === 'healthy' ? undefined : spec.reason(value, spec.limit),
  };
}
