import {
  FailoverReadiness,
  FoundationDbHealth,
  HealthCheck,
  RegionHealth,
} from '@inferadb-regions/plugin-inferadb-common';
import { EvaluationContext } from './context';
import { failoverCaveats } from './failoverCaveats';

interface Findings {
  blockers: string[];
  missing: string[];
  caveats: string[];
}

/** FoundationDB's conditions for the DR data center to become primary (configuration.rst). */
function fdbFindings(
  fdb: FoundationDbHealth | undefined,
  dataCenter: string,
  f: Findings,
) {
  if (!fdb) {
    f.missing.push('the FoundationDBCluster status');
    return;
  }
  if (fdb.usableRegions === undefined)
    f.missing.push('usable_regions of the deployed configuration');
  else if (fdb.usableRegions < 2)
    f.blockers.push(
      `usable_regions is ${fdb.usableRegions}; the DR region holds no copy of the data`,
    );
  if (fdb.priority === undefined)
    f.blockers.push(
      `data center ${
        fdb.dataCenter ?? dataCenter
      } is not a main data center in the FDB regions`,
    );
  else if (fdb.priority < 0)
    f.blockers.push(
      `FDB priority is ${fdb.priority}, so FDB never makes this region primary`,
    );
  if (fdb.available === undefined) f.missing.push('database availability');
  else if (!fdb.available) f.blockers.push('FoundationDB is unavailable');
  if (fdb.fullReplication === undefined) f.missing.push('full replication');
  else if (!fdb.fullReplication)
    f.blockers.push('FoundationDB is not fully replicated');
}

/** Checks the readiness reads: a critical one blocks, an unknown one is a missing input. */
const READINESS_CHECKS = [
  'engine.workload',
  'engine.healthz',
  'control.workload',
  'storage.quorum',
];

function checkFindings(checks: HealthCheck[], f: Findings) {
  for (const id of READINESS_CHECKS) {
    const c = checks.find(x => x.id === id);
    if (!c) continue;
    if (c.status === 'unknown') f.missing.push(c.label);
    else if (c.status === 'critical')
      f.blockers.push(`${c.label}: ${c.reason}`);
  }
  const lag = checks.find(x => x.id === 'replication.lag');
  if (!lag)
    f.caveats.push(
      'replication lag is not measured: the region has no Prometheus',
    );
  else if (lag.status === 'not-available')
    f.caveats.push(`replication lag is not measured: ${lag.reason}`);
  else if (lag.status === 'unknown') f.missing.push(lag.label);
  else if (lag.status !== 'healthy') f.blockers.push(lag.reason ?? lag.label);
}

/**
 * Whether the DR region could take over now. Never `ready` while an input is missing:
 * then `ready` is `null` and `missingInputs` says what could not be read.
 */
export function failoverReadinessOf(
  ctx: EvaluationContext,
  role: RegionHealth['role'],
  checks: HealthCheck[],
): FailoverReadiness {
  const { fleet, region, obs } = ctx;
  if (region.role !== 'dr')
    return { applicable: false, ready: null, blockers: [] };
  const f: Findings = { blockers: [], missing: [], caveats: [] };
  if (fleet.storage === 'foundationdb')
    fdbFindings(obs.foundationdb, region.dataCenter, f);
  if (role === 'primary')
    f.blockers.push('the region is already primary as deployed');
  checkFindings(checks, f);
  let ready: boolean | null = true;
  if (f.blockers.length) ready = false;
  else if (f.missing.length) ready = null;
  return {
    applicable: true,
    ready,
    blockers: f.blockers,
    ...(f.missing.length ? { missingInputs: f.missing } : {}),
    caveats: [...failoverCaveats(fleet, obs.foundationdb), ...f.caveats],
  };
}

/** The readiness as a check of its own, so it counts towards the region's status. */
export function failoverCheck(failover: FailoverReadiness): HealthCheck {
  const base = {
    id: 'replication.failover-ready',
    label: 'Failover readiness',
    component: 'replication',
    target: true,
  } as const;
  if (failover.ready === true)
    return {
      ...base,
      status: 'healthy',
      actual: true,
      reason: failover.caveats?.join('; ') || undefined,
    };
  if (failover.ready === null)
    return {
      ...base,
      status: 'unknown',
      actual: 'unknown',
      reason: `cannot decide without ${(failover.missingInputs ?? []).join(
        ', ',
      )}`,
    };
  return {
    ...base,
    status: 'degraded',
    actual: false,
    reason: failover.blockers.join('; '),
  };
}
