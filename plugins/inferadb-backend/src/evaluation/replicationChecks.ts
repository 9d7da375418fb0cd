import { HealthCheck } from '@inferadb-regions/plugin-inferadb-common';
import { EvaluationContext } from './context';
import { measuredCheck } from './measuredCheck';

/** The lag limit of a region: its own target, else the threshold. */
export const lagLimitOf = ({ region, thresholds }: EvaluationContext) =>
  region.targets.replicationLagSeconds ?? thresholds.replicationLagSeconds;

/** Replication lag of every region but the primary (which others lag behind). */
export function replicationChecks(ctx: EvaluationContext): HealthCheck[] {
  if (ctx.region.role === 'primary') return [];
  const lag = measuredCheck(ctx, {
    base: {
      id: 'replication.lag',
      label: 'Replication lag',
      component: 'replication',
      unit: 's',
    },
    metric: 'replicationLagSeconds',
    value: p => p.replicationLagSeconds,
    limit: lagLimitOf(ctx),
    reason: (v, l) => `replication lag ${v} s is above ${l} s`,
  });
  return lag ? [lag] : [];
}
