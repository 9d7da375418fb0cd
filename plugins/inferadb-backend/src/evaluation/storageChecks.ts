import {
  HealthCheck,
  HealthStatus,
} from '@inferadb-regions/plugin-inferadb-common';
import { EvaluationContext, majorityOf, podsOf, unknownCheck } from './context';
import { measuredCheck } from './measuredCheck';

/** FoundationDB reports these in the FoundationDBCluster's `status.health`. */
const FDB_FLAGS = [
  {
    id: 'storage.available',
    label: 'Database available',
    flag: 'available',
    bad: 'critical',
    reason: 'FoundationDB reports the database unavailable',
  },
  {
    id: 'storage.healthy',
    label: 'Database healthy',
    flag: 'healthy',
    bad: 'degraded',
    reason: 'FoundationDB reports the database unhealthy',
  },
  {
    id: 'storage.full-replication',
    label: 'Full replication',
    flag: 'fullReplication',
    bad: 'degraded',
    reason: 'FoundationDB is not fully replicated',
  },
  {
    id: 'storage.reconciled',
    label: 'Reconciled',
    flag: 'reconciled',
    bad: 'degraded',
    reason:
      'the operator has not reconciled the latest FoundationDBCluster spec',
  },
] as const;

function fdbFlagChecks({ obs }: EvaluationContext): HealthCheck[] {
  const fdb = obs.foundationdb;
  return FDB_FLAGS.map(f => {
    const base = { id: f.id, label: f.label, component: 'storage' } as const;
    if (!fdb) return unknownCheck(base, obs, 'foundationdb');
    const value = fdb[f.flag];
    if (value === undefined) {
      return {
        ...base,
        status: 'unknown',
        source: 'foundationdb',
        reason: `the FoundationDBCluster status has no ${f.label.toLowerCase()} yet`,
      };
    }
    return {
      ...base,
      status: value ? 'healthy' : f.bad,
      actual: value,
      target: true,
      source: 'foundationdb',
      reason: value ? undefined : f.reason,
    };
  });
}

/**
 * Coordinators judged by reachability: the connection string's coordinators, less those
 * of this region's cluster whose process groups report the process down, against a
 * majority (FDB stays available with a majority) and the count FDB recruits.
 */
function coordinatorsCheck({ obs }: EvaluationContext): HealthCheck {
  const base = {
    id: 'storage.coordinators',
    label: 'Coordinators reachable',
    component: 'storage',
    unit: 'coordinators',
  } as const;
  const c = obs.foundationdb?.coordinators;
  if (!obs.foundationdb) return unknownCheck(base, obs, 'foundationdb');
  if (!c) {
    return {
      ...base,
      status: 'unknown',
      source: 'foundationdb',
      reason: 'the FoundationDBCluster status has no connection string yet',
    };
  }
  const reachable = c.total - c.unreachableHere;
  const majority = majorityOf(c.total);
  let status: HealthStatus = 'healthy';
  let reason: string | undefined;
  if (reachable < majority) {
    status = 'critical';
    reason = `only ${reachable} of ${c.total} coordinators are reachable, fewer than the majority of ${majority} FDB needs to stay available`;
  } else if (c.unreachableHere > 0) {
    status = 'degraded';
    reason = `${c.unreachableHere} of this data center's ${c.here} coordinators are down (process group conditions); the operator should choose new ones`;
  } else if (c.desired !== undefined && c.total < c.desired) {
    status = 'degraded';
    reason = `${c.total} coordinators configured; FDB recruits ${c.desired} for this configuration, so fewer failures are tolerated`;
  }
  return {
    ...base,
    status,
    reason,
    actual: reachable,
    target: c.desired ?? majority,
    source: 'foundationdb',
  };
}

/** Ledger's Raft leader, from `inferadb_ledger_raft_is_leader` (Ledger's metrics reference). */
function leaderCheck({ obs }: EvaluationContext): HealthCheck | undefined {
  const base = {
    id: 'storage.leader',
    label: 'Raft leader',
    component: 'storage',
    unit: 'leaders',
  } as const;
  if (obs.sources.some(s => s.source === 'prometheus' && s.skipped))
    return undefined;
  if (!obs.prometheus) return unknownCheck(base, obs, 'prometheus');
  const leaders = obs.prometheus.raftLeaders;
  if (leaders === undefined)
    return {
      ...base,
      status: 'not-available',
      source: 'prometheus',
      reason: 'no query is configured; set inferadb.health.metrics.raftLeaders',
    };
  if (leaders === null)
    return {
      ...base,
      status: 'unknown',
      source: 'prometheus',
      reason:
        "Prometheus has no inferadb_ledger_raft_is_leader sample with the region's label",
    };
  const led = leaders >= 1;
  return {
    ...base,
    status: led ? 'healthy' : 'critical',
    actual: leaders,
    target: 1,
    source: 'prometheus',
    reason: led
      ? undefined
      : 'the Raft group has no leader; writes stop until one is elected',
  };
}

/** Ledger's Raft quorum: a majority of the region's Ledger pods (the voters) ready. */
function quorumCheck({ obs }: EvaluationContext): HealthCheck {
  const base = {
    id: 'storage.quorum',
    label: 'Raft quorum',
    component: 'storage',
    unit: 'voters ready',
  } as const;
  if (!obs.kubernetes) return unknownCheck(base, obs, 'kubernetes');
  const { ready, desired: total } = podsOf(obs.kubernetes.workloads, 'storage');
  const quorum = total > 0 && ready >= majorityOf(total);
  return {
    ...base,
    status: quorum ? 'healthy' : 'critical',
    actual: ready,
    target: majorityOf(total),
    source: 'kubernetes',
    reason: quorum
      ? undefined
      : `${ready} of ${total} Ledger voters ready, fewer than a majority: writes stop`,
  };
}

/** The storage layer: FoundationDB's status and coordinators, or Ledger's Raft; disk use. */
export function storageChecks(ctx: EvaluationContext): HealthCheck[] {
  const checks =
    ctx.fleet.storage === 'foundationdb'
      ? [...fdbFlagChecks(ctx), coordinatorsCheck(ctx)]
      : [leaderCheck(ctx), quorumCheck(ctx)].filter(
          (c): c is HealthCheck => !!c,
        );
  const disk = measuredCheck(ctx, {
    base: {
      id: 'storage.disk',
      label: 'Storage used',
      component: 'storage',
      unit: '%',
    },
    metric: 'diskUsedRatio',
    value: p => p.diskUsedPercent,
    limit: ctx.thresholds.storageUsedPercent,
    criticalFrom: 95,
    reason: (v, l) => `storage ${v} % used, above ${l} %`,
  });
  return disk ? [...checks, disk] : checks;
}
