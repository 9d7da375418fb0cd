/* eslint-disable no-nested-ternary -- status ladders (healthy / degraded / critical) read best top to bottom */
import {
  FailoverReadiness,
  HealthCheck,
  HealthSourceName,
  HealthStatus,
  RegionHealth,
  ServiceHealth,
  WorkloadHealth,
  worstStatus,
} from '@internal/plugin-inferadb-common';
import { FleetConfig, HealthThresholds, RegionConfig } from '../config/types';
import { RegionObservations } from '../collectors/types';
import { failoverCaveats } from './failoverCaveats';
import { maintenanceWindowAt } from './maintenanceWindow';
import { deployedRoleOf, priorityCheckOf } from './roles';

type Check = HealthCheck;

function unknown(
  base: Omit<Check, 'status'>,
  obs: RegionObservations,
  source: HealthSourceName,
): Check {
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

function workloadCheck(
  component: 'engine' | 'control' | 'storage',
  label: string,
  obs: RegionObservations,
): Check {
  const base = {
    id: `${component}.workload`,
    label,
    component,
    unit: 'ready',
  } as const;
  if (!obs.kubernetes) return unknown(base, obs, 'kubernetes');
  const ws = obs.kubernetes.workloads.filter(w => w.component === component);
  if (!ws.length) {
    return {
      ...base,
      status: 'critical',
      source: 'kubernetes',
      reason: `no ${component} workload found in the namespace`,
    };
  }
  const ready = ws.reduce((n, w) => n + w.ready, 0);
  const desired = ws.reduce((n, w) => n + w.desired, 0);
  let status: HealthStatus = 'healthy';
  let reason: string | undefined;
  if (ready === 0 && desired > 0) {
    status = 'critical';
    reason = `no ${component} pod is ready (0/${desired})`;
  } else if (ready < desired) {
    status = 'degraded';
    reason = `${ready} of ${desired} ${component} pods ready`;
  }
  return {
    ...base,
    status,
    reason,
    actual: ready,
    target: desired,
    source: 'kubernetes',
  };
}

function restartsCheck(obs: RegionObservations, t: HealthThresholds): Check {
  const base = {
    id: 'pods.restarts',
    label: 'Container restarts',
    component: 'engine',
    unit: 'restarts',
  } as const;
  if (!obs.kubernetes) return unknown(base, obs, 'kubernetes');
  const worst = obs.kubernetes.workloads.reduce<WorkloadHealth | undefined>(
    (w, x) => (!w || x.restarts > w.restarts ? x : w),
    undefined,
  );
  const restarts = worst?.restarts ?? 0;
  return {
    ...base,
    component: worst?.component ?? 'engine',
    status: restarts > t.restarts ? 'degraded' : 'healthy',
    reason:
      restarts > t.restarts
        ? `${worst!.name} containers restarted ${restarts} times (more than ${
            t.restarts
          })`
        : undefined,
    actual: restarts,
    target: t.restarts,
    source: 'kubernetes',
  };
}

function serviceCheck(
  service: 'engine' | 'control',
  label: string,
  obs: RegionObservations,
): Check {
  const source = `${service}-healthz` as const;
  const base = { id: `${service}.healthz`, label, component: service } as const;
  const h: ServiceHealth | undefined = obs.services[service];
  if (!h) return unknown(base, obs, source);
  const failing = Object.entries(h.details ?? {})
    .filter(([, d]) => d.status !== 'healthy')
    .map(([k, d]) => `${k} ${d.status}${d.message ? ` (${d.message})` : ''}`);
  const status: HealthStatus =
    h.status === 'healthy'
      ? 'healthy'
      : h.status === 'degraded'
      ? 'degraded'
      : 'critical';
  return {
    ...base,
    status,
    actual: h.status,
    target: 'healthy',
    source,
    reason:
      status === 'healthy'
        ? undefined
        : `${service} reports ${h.status}${
            failing.length ? `: ${failing.join(', ')}` : ''
          }`,
  };
}

function fdbChecks(
  fleet: FleetConfig,
  region: RegionConfig,
  obs: RegionObservations,
  t: HealthThresholds,
): Check[] {
  const fdb = obs.foundationdb;
  const flag = (
    id: string,
    label: string,
    value: boolean | undefined,
    bad: HealthStatus,
    reason: string,
  ): Check => {
    const base = { id, label, component: 'storage' } as const;
    if (!fdb) return unknown(base, obs, 'foundationdb');
    if (value === undefined) {
      return {
        ...base,
        status: 'unknown',
        source: 'foundationdb',
        reason: `the FoundationDBCluster status has no ${label.toLowerCase()} yet`,
      };
    }
    return {
      ...base,
      status: value ? 'healthy' : bad,
      actual: value,
      target: true,
      source: 'foundationdb',
      reason: value ? undefined : reason,
    };
  };
  const checks = [
    flag(
      'storage.available',
      'Database available',
      fdb?.available,
      'critical',
      'FoundationDB reports the database unavailable',
    ),
    flag(
      'storage.healthy',
      'Database healthy',
      fdb?.healthy,
      'degraded',
      'FoundationDB reports the database unhealthy',
    ),
    flag(
      'storage.full-replication',
      'Full replication',
      fdb?.fullReplication,
      'degraded',
      'FoundationDB is not fully replicated',
    ),
    flag(
      'storage.reconciled',
      'Reconciled',
      fdb?.reconciled,
      'degraded',
      'the operator has not reconciled the latest FoundationDBCluster spec',
    ),
  ];
  // Coordinators: Prometheus reachability when some exporter gives it, else the count in
  // the connection string.
  const coordBase = {
    id: 'storage.coordinators',
    label: 'Coordinators',
    component: 'storage',
    unit: 'coordinators',
  } as const;
  const reachable = obs.prometheus?.coordinatorsReachable ?? null;
  const total = fdb?.coordinators?.total;
  const count = reachable ?? total;
  if (count === undefined || count === null) {
    checks.push(unknown(coordBase, obs, 'foundationdb'));
  } else {
    checks.push({
      ...coordBase,
      status: count < t.minCoordinators ? 'critical' : 'healthy',
      actual: count,
      target: t.minCoordinators,
      source: reachable !== null ? 'prometheus' : 'foundationdb',
      reason:
        count < t.minCoordinators
          ? `${count} coordinators ${
              reachable !== null ? 'reachable' : 'configured'
            }, fewer than ${t.minCoordinators}`
          : undefined,
    });
  }
  // Fearless DR: with a DR region declared, the primary's and DR's cluster must keep data
  // in two regions. Replicas and satellites may run clusters of their own.
  if (
    (region.role === 'primary' || region.role === 'dr') &&
    fleet.regions.some(r => r.role === 'dr')
  ) {
    const base = {
      id: 'topology.usable-regions',
      label: 'Usable regions',
      component: 'topology',
    } as const;
    if (!fdb) checks.push(unknown(base, obs, 'foundationdb'));
    else if (fdb.usableRegions === undefined)
      checks.push({
        ...base,
        status: 'unknown',
        source: 'foundationdb',
        reason: 'databaseConfiguration has no usable_regions',
      });
    else
      checks.push({
        ...base,
        status: fdb.usableRegions >= 2 ? 'healthy' : 'degraded',
        actual: fdb.usableRegions,
        target: 2,
        source: 'foundationdb',
        reason:
          fdb.usableRegions >= 2
            ? undefined
            : `usable_regions is ${fdb.usableRegions}: data lives in one region only, so the DR region cannot take over without loss; Fearless DR needs usable_regions: 2`,
      });
  }
  return checks;
}

function ledgerChecks(obs: RegionObservations): Check[] {
  const p = obs.prometheus;
  const leaderBase = {
    id: 'storage.leader',
    label: 'Raft leader',
    component: 'storage',
    unit: 'leaders',
  } as const;
  const quorumBase = {
    id: 'storage.quorum',
    label: 'Raft quorum',
    component: 'storage',
  } as const;
  const checks: Check[] = [];
  if (!p || p.raftLeaders === null)
    checks.push(unknown(leaderBase, obs, 'prometheus'));
  else
    checks.push({
      ...leaderBase,
      status: p.raftLeaders >= 1 ? 'healthy' : 'critical',
      actual: p.raftLeaders,
      target: 1,
      source: 'prometheus',
      reason:
        p.raftLeaders >= 1
          ? undefined
          : 'the Raft group has no leader; writes stop until one is elected',
    });
  if (!p || p.quorum === null)
    checks.push(unknown(quorumBase, obs, 'prometheus'));
  else
    checks.push({
      ...quorumBase,
      status: p.quorum ? 'healthy' : 'critical',
      actual: p.quorum,
      target: true,
      source: 'prometheus',
      reason: p.quorum ? undefined : 'fewer peers than a quorum are connected',
    });
  return checks;
}

function measured(
  id: string,
  label: string,
  component: Check['component'],
  value: number | null | undefined,
  limit: number | undefined,
  unit: string,
  obs: RegionObservations,
  reason: (v: number, l: number) => string,
  critical?: number,
): Check | undefined {
  const base = { id, label, component, unit } as const;
  if (limit === undefined) return undefined;
  if (value === null || value === undefined) {
    const failed = obs.sources.find(s => s.source === 'prometheus' && !s.ok);
    const skipped = obs.sources.find(
      s => s.source === 'prometheus' && s.skipped,
    );
    if (skipped) return undefined;
    return failed
      ? unknown({ ...base, target: limit }, obs, 'prometheus')
      : {
          ...base,
          status: 'unknown',
          target: limit,
          source: 'prometheus',
          reason: 'no sample for this metric; check inferadb.health.metrics',
        };
  }
  const status: HealthStatus =
    critical !== undefined && value >= critical
      ? 'critical'
      : value > limit
      ? 'degraded'
      : 'healthy';
  return {
    ...base,
    status,
    actual: value,
    target: limit,
    source: 'prometheus',
    reason: status === 'healthy' ? undefined : reason(value, limit),
  };
}

function meshChecks(obs: RegionObservations, t: HealthThresholds): Check[] {
  const checks: Check[] = [];
  if (obs.kubernetes) {
    const ws = obs.kubernetes.workloads.filter(w => w.sidecarTotal);
    if (ws.length) {
      const ready = ws.reduce((n, w) => n + (w.sidecarReady ?? 0), 0);
      const total = ws.reduce((n, w) => n + (w.sidecarTotal ?? 0), 0);
      checks.push({
        id: 'mesh.sidecars',
        label: 'Tailscale sidecars',
        component: 'mesh',
        status:
          ready === total ? 'healthy' : ready === 0 ? 'critical' : 'degraded',
        actual: ready,
        target: total,
        unit: 'ready',
        source: 'kubernetes',
        reason:
          ready === total
            ? undefined
            : `${
                total - ready
              } of ${total} Tailscale sidecars not ready; those pods cannot reach other regions`,
      });
    }
  }
  const ts = obs.sources.find(s => s.source === 'tailscale');
  if (!ts || ts.skipped) return checks;
  if (!obs.tailscale) {
    checks.push(
      unknown(
        { id: 'mesh.devices', label: 'Tailnet devices', component: 'mesh' },
        obs,
        'tailscale',
      ),
    );
    return checks;
  }
  const m = obs.tailscale;
  checks.push({
    id: 'mesh.devices',
    label: 'Tailnet devices',
    component: 'mesh',
    status:
      m.connected === 0
        ? 'critical'
        : m.connected < m.devices
        ? 'degraded'
        : 'healthy',
    actual: m.connected,
    target: m.devices,
    unit: 'connected',
    source: 'tailscale',
    reason:
      m.devices === 0
        ? "no tailnet device carries the region's tags"
        : m.connected === 0
        ? `none of the region's ${m.devices} devices is connected to Tailscale control; it cannot reach other regions`
        : m.connected < m.devices
        ? `${m.devices - m.connected} of ${
            m.devices
          } devices not connected to Tailscale control`
        : undefined,
  });
  if (m.keyExpiresInDays === undefined && m.keyError) {
    checks.push({
      id: 'mesh.key-expiry',
      label: 'Key expiry',
      component: 'mesh',
      status: 'unknown',
      source: 'tailscale',
      reason: `${m.keyError}; give the Tailscale credentials auth_keys:read, or name the key with tailscaleKeyId`,
    });
  }
  if (m.keyExpiresInDays !== undefined) {
    const d = m.keyExpiresInDays;
    checks.push({
      id: 'mesh.key-expiry',
      label: 'Key expiry',
      component: 'mesh',
      status:
        d <= 0 ? 'critical' : d < t.keyExpiryDays ? 'degraded' : 'healthy',
      actual: d,
      target: t.keyExpiryDays,
      unit: 'days',
      source: 'tailscale',
      reason:
        d <= 0
          ? `the Tailscale key expired at ${m.keyExpiresAt}; rotate it (docs/runbooks/key-rotation.md)`
          : d < t.keyExpiryDays
          ? `the Tailscale key expires in ${d} days (${m.keyExpiresAt}); rotate it`
          : undefined,
    });
  }
  return checks;
}

function failoverOf(
  region: RegionConfig,
  role: RegionHealth['role'],
  checks: Check[],
  obs: RegionObservations,
  lagTarget: number,
  fleet: FleetConfig,
): FailoverReadiness {
  if (region.role !== 'dr')
    return { applicable: false, ready: null, blockers: [] };
  const blockers: string[] = [];
  let unknownInput = false;
  const fdb = obs.foundationdb;
  if (fleet.storage === 'foundationdb') {
    if (!fdb) unknownInput = true;
    else {
      if (fdb.usableRegions !== undefined && fdb.usableRegions < 2)
        blockers.push(
          `usable_regions is ${fdb.usableRegions}; the DR region holds no copy of the data`,
        );
      if (fdb.priority === undefined)
        blockers.push(
          `data center ${
            fdb.dataCenter ?? region.dataCenter
          } is not a main data center in the FDB regions`,
        );
      else if (fdb.priority < 0)
        blockers.push(
          `FDB priority is ${fdb.priority}, so FDB never makes this region primary`,
        );
      if (fdb.available === false) blockers.push('FoundationDB is unavailable');
      if (fdb.fullReplication === false)
        blockers.push('FoundationDB is not fully replicated');
    }
  }
  if (role === 'primary')
    blockers.push('the region is already primary as deployed');
  const lag = obs.prometheus?.replicationLagSeconds;
  if (lag === null || lag === undefined) {
    if (region.prometheus) unknownInput = true;
  } else if (lag > lagTarget) {
    blockers.push(`replication lag ${lag} s is above ${lagTarget} s`);
  }
  for (const id of ['engine.workload', 'control.workload', 'engine.healthz']) {
    const c = checks.find(x => x.id === id);
    if (!c || c.status === 'unknown') unknownInput = true;
    else if (c.status === 'critical') blockers.push(`${c.label}: ${c.reason}`);
  }
  return {
    applicable: true,
    ready: blockers.length ? false : unknownInput ? null : true,
    blockers,
    caveats: failoverCaveats(fleet, fdb),
  };
}

/** Evaluates one region's observations into its health snapshot. */
export function evaluateRegion(
  fleet: FleetConfig,
  region: RegionConfig,
  obs: RegionObservations,
  t: HealthThresholds,
): RegionHealth {
  const checks: Check[] = [
    workloadCheck('engine', 'Engine pods', obs),
    serviceCheck('engine', 'Engine /healthz', obs),
    workloadCheck('control', 'Control pods', obs),
    serviceCheck('control', 'Control /healthz', obs),
    workloadCheck(
      'storage',
      fleet.storage === 'foundationdb'
        ? 'FoundationDB processes'
        : 'Ledger pods',
      obs,
    ),
    restartsCheck(obs, t),
  ];
  if (fleet.storage === 'foundationdb')
    checks.push(...fdbChecks(fleet, region, obs, t));
  else checks.push(...ledgerChecks(obs));

  const p = obs.prometheus;
  const lagLimit =
    region.targets.replicationLagSeconds ?? t.replicationLagSeconds;
  const optional = [
    region.role === 'primary'
      ? undefined
      : measured(
          'replication.lag',
          'Replication lag',
          'replication',
          p?.replicationLagSeconds,
          lagLimit,
          's',
          obs,
          (v, l) => `replication lag ${v} s is above ${l} s`,
        ),
    measured(
      'storage.disk',
      'Storage used',
      'storage',
      p?.diskUsedPercent,
      t.storageUsedPercent,
      '%',
      obs,
      (v, l) => `storage ${v} % used, above ${l} %`,
      95,
    ),
    measured(
      'performance.p95-latency',
      'p95 latency',
      'performance',
      p?.p95LatencyMs,
      region.targets.p95LatencyMs,
      'ms',
      obs,
      (v, l) => `p95 latency ${v} ms is above the ${l} ms target`,
    ),
  ];
  for (const c of optional) if (c) checks.push(c);
  checks.push(...meshChecks(obs, t));

  const role =
    fleet.storage === 'foundationdb'
      ? deployedRoleOf(region, obs.foundationdb)
      : region.role;
  const priority =
    fleet.storage === 'foundationdb'
      ? priorityCheckOf(fleet, obs.foundationdb)
      : undefined;
  if (role !== 'unknown' || obs.foundationdb) {
    const mismatch = role !== region.role && role !== 'unknown';
    checks.push({
      id: 'topology.role',
      label: 'Role as deployed',
      component: 'topology',
      status: mismatch
        ? 'degraded'
        : role === 'unknown'
        ? 'unknown'
        : 'healthy',
      actual: role,
      target: region.role,
      source: 'foundationdb',
      reason: mismatch
        ? `declared ${region.role} but deployed as ${role}${
            priority?.contradictsDeclaredRole && priority.reason
              ? `: ${priority.reason}`
              : ''
          }`
        : role === 'unknown'
        ? `data center ${region.dataCenter} does not appear in the deployed FDB regions`
        : undefined,
    });
  }

  const failover = failoverOf(region, role, checks, obs, lagLimit, fleet);
  if (failover.applicable) {
    checks.push({
      id: 'replication.failover-ready',
      label: 'Failover readiness',
      component: 'replication',
      status:
        failover.ready === true
          ? 'healthy'
          : failover.ready === null
          ? 'unknown'
          : 'degraded',
      actual: failover.ready === null ? 'unknown' : failover.ready,
      target: true,
      reason:
        failover.ready === true
          ? failover.caveats?.join('; ') || undefined
          : failover.blockers.join('; ') ||
            'the sources needed to decide are unavailable',
    });
  }

  const status = worstStatus(checks.map(c => c.status));
  const failing = checks.filter(
    c => c.status === status && status !== 'healthy',
  );
  const summary =
    status === 'healthy'
      ? `all ${checks.length} checks pass`
      : `${failing[0].label}: ${failing[0].reason}${
          failing.length > 1 ? ` (+${failing.length - 1} more)` : ''
        }`;

  return {
    fleet: fleet.name,
    region: region.id,
    storage: fleet.storage,
    declaredRole: region.role,
    role,
    status,
    summary,
    checks,
    sources: obs.sources,
    workloads: obs.kubernetes?.workloads ?? [],
    services: Object.values(obs.services).filter(
      (s): s is ServiceHealth => !!s,
    ),
    ...(obs.foundationdb ? { foundationdb: obs.foundationdb } : {}),
    ...(fleet.storage === 'ledger' && p
      ? {
          ledger: {
            leaders: p.raftLeaders ?? undefined,
            quorum: p.quorum ?? undefined,
          },
        }
      : {}),
    ...(obs.tailscale ? { mesh: obs.tailscale } : {}),
    replicationLagSeconds: p?.replicationLagSeconds ?? null,
    ...(priority ? { priority } : {}),
    failover,
    targets: region.targets,
    actuals: {
      p95LatencyMs: p?.p95LatencyMs ?? null,
      replicationLagSeconds: p?.replicationLagSeconds ?? null,
      diskUsedPercent: p?.diskUsedPercent ?? null,
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
