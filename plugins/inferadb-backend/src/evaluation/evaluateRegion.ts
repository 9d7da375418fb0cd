import {
  HealthCheck,
  RegionHealth,
  ServiceHealth,
  worstStatus,
} from '@inferadb-regions/plugin-inferadb-common';
import { RegionObservations } from '../collectors/types';
import { FleetConfig, HealthThresholds, RegionConfig } from '../config/types';
import { EvaluationContext, podsOf } from './context';
import { failoverCheck, failoverReadinessOf } from './failoverReadiness';
import { maintenanceWindowAt } from './maintenanceWindow';
import { meshChecks } from './meshChecks';
import { replicationChecks } from './replicationChecks';
import { storageChecks } from './storageChecks';
import { deployedTopologyOf, topologyChecks } from './topologyChecks';
import { workloadChecks } from './workloadChecks';

function summaryOf(checks: HealthCheck[], status: RegionHealth['status']) {
  if (status === 'healthy') {
    const counted = checks.filter(c => c.status !== 'not-available').length;
    return `all ${counted} checks pass`;
  }
  const failing = checks.filter(c => c.status === status);
  return `${failing[0].label}: ${failing[0].reason}${
    failing.length > 1 ? ` (+${failing.length - 1} more)` : ''
  }`;
}

function ledgerOf(
  ctx: EvaluationContext,
  checks: HealthCheck[],
): RegionHealth['ledger'] {
  const quorum = checks.find(c => c.id === 'storage.quorum');
  const workloads = ctx.obs.kubernetes?.workloads;
  const voters = workloads && podsOf(workloads, 'storage');
  const leaders = ctx.obs.prometheus?.raftLeaders;
  return {
    ...(typeof leaders === 'number' ? { leaders } : {}),
    ...(quorum && quorum.status !== 'unknown'
      ? { quorum: quorum.status === 'healthy' }
      : {}),
    ...(voters ? { votersReady: voters.ready, voters: voters.desired } : {}),
  };
}

const valueOrNull = (v: number | null | undefined) => v ?? null;

/** Evaluates one region's observations into its health snapshot. */
export function evaluateRegion(
  fleet: FleetConfig,
  region: RegionConfig,
  obs: RegionObservations,
  thresholds: HealthThresholds,
): RegionHealth {
  const ctx: EvaluationContext = { fleet, region, obs, thresholds };
  const checks: HealthCheck[] = [
    ...workloadChecks(ctx),
    ...storageChecks(ctx),
    ...replicationChecks(ctx),
    ...meshChecks(ctx),
    ...topologyChecks(ctx),
  ];
  const { role, priority } = deployedTopologyOf(ctx);
  const failover = failoverReadinessOf(ctx, role, checks);
  if (failover.applicable) checks.push(failoverCheck(failover));

  const status = worstStatus(checks.map(c => c.status));
  const p = obs.prometheus;
  return {
    fleet: fleet.name,
    region: region.id,
    storage: fleet.storage,
    declaredRole: region.role,
    role,
    status,
    summary: summaryOf(checks, status),
    checks,
    sources: obs.sources,
    workloads: obs.kubernetes?.workloads ?? [],
    services: Object.values(obs.services).filter(
      (s): s is ServiceHealth => !!s,
    ),
    ...(obs.foundationdb ? { foundationdb: obs.foundationdb } : {}),
    ...(fleet.storage === 'ledger' ? { ledger: ledgerOf(ctx, checks) } : {}),
    ...(obs.tailscale ? { mesh: obs.tailscale } : {}),
    replicationLagSeconds: valueOrNull(p?.replicationLagSeconds),
    ...(priority ? { priority } : {}),
    failover,
    targets: region.targets,
    actuals: {
      p95LatencyMs: valueOrNull(p?.p95LatencyMs),
      replicationLagSeconds: valueOrNull(p?.replicationLagSeconds),
      diskUsedPercent: valueOrNull(p?.diskUsedPercent),
    },
    ...(region.maintenanceWindow
      ? {
          maintenanceWindow: maintenanceWindowAt(
            region.maintenanceWindow,
            obs.startedAt,
          ),
        }
      : {}),
    collectedAt: new Date(obs.startedAt).toISOString(),
    durationMs: obs.durationMs,
  };
}
