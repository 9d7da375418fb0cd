import {
  HealthCheck,
  PriorityCheck,
  RegionHealth,
} from '@inferadb-regions/plugin-inferadb-common';
import {
  dataCentersOf,
  EvaluationContext,
  majorityOf,
  unknownCheck,
} from './context';
import { deployedRoleOf, priorityCheckOf } from './roles';

/** The role as deployed (FDB priorities) and how the priorities compare with the fleet. */
export function deployedTopologyOf(ctx: EvaluationContext): {
  role: RegionHealth['role'];
  priority?: PriorityCheck;
} {
  const { fleet, region, obs } = ctx;
  if (fleet.storage !== 'foundationdb') return { role: region.role };
  return {
    role: deployedRoleOf(region, obs.foundationdb),
    priority: priorityCheckOf(fleet, obs.foundationdb),
  };
}

function roleCheck(ctx: EvaluationContext): HealthCheck | undefined {
  const { region, obs } = ctx;
  const { role, priority } = deployedTopologyOf(ctx);
  // Ledger has no deployed role to compare; FDB's comes from its priorities.
  if (ctx.fleet.storage !== 'foundationdb') return undefined;
  if (role === 'unknown' && !obs.foundationdb) return undefined;
  const base = {
    id: 'topology.role',
    label: 'Role as deployed',
    component: 'topology',
    actual: role,
    target: region.role,
    source: 'foundationdb',
  } as const;
  if (role === 'unknown')
    return {
      ...base,
      status: 'unknown',
      reason: `data center ${region.dataCenter} does not appear in the deployed FDB regions`,
    };
  if (role !== region.role)
    return {
      ...base,
      status: 'degraded',
      reason: `declared ${region.role} but deployed as ${role}${
        priority?.contradictsDeclaredRole && priority.reason
          ? `: ${priority.reason}`
          : ''
      }`,
    };
  return { ...base, status: 'healthy' };
}

/** Fearless DR keeps data in two regions: `usable_regions: 2`. */
function usableRegionsCheck({ obs }: EvaluationContext): HealthCheck {
  const base = {
    id: 'topology.usable-regions',
    label: 'Usable regions',
    component: 'topology',
  } as const;
  const fdb = obs.foundationdb;
  if (!fdb) return unknownCheck(base, obs, 'foundationdb');
  if (fdb.usableRegions === undefined)
    return {
      ...base,
      status: 'unknown',
      source: 'foundationdb',
      reason: 'databaseConfiguration has no usable_regions',
    };
  const ok = fdb.usableRegions >= 2;
  return {
    ...base,
    status: ok ? 'healthy' : 'degraded',
    actual: fdb.usableRegions,
    target: 2,
    source: 'foundationdb',
    reason: ok
      ? undefined
      : `usable_regions is ${fdb.usableRegions}: data lives in one region only, so the DR region cannot take over without loss; Fearless DR needs usable_regions: 2`,
  };
}

/**
 * No data center may hold a majority of the coordinators, or losing it stops the whole
 * database. Checked where three or more data centers are deployed: with two, one always
 * holds a majority, which the DR region's failover caveat says.
 */
function coordinatorPlacementCheck({
  obs,
  region,
}: EvaluationContext): HealthCheck | undefined {
  const fdb = obs.foundationdb;
  const c = fdb?.coordinators;
  if (!c || c.total === 0 || dataCentersOf(fdb!).size < 3) return undefined;
  const majority = majorityOf(c.total);
  const ok = c.here < majority;
  return {
    id: 'topology.coordinator-placement',
    label: 'Coordinators in this data center',
    component: 'topology',
    status: ok ? 'healthy' : 'degraded',
    actual: c.here,
    target: majority - 1,
    unit: 'coordinators',
    source: 'foundationdb',
    reason: ok
      ? undefined
      : `data center ${region.dataCenter} holds ${c.here} of ${c.total} coordinators, a majority: losing it stops the database everywhere; spread them over three data centers (add a satellite)`,
  };
}

/** The deployed role, and for Fearless DR the usable regions and coordinator placement. */
export function topologyChecks(ctx: EvaluationContext): HealthCheck[] {
  const { fleet, region } = ctx;
  const checks = [roleCheck(ctx)];
  const fearlessDr =
    fleet.storage === 'foundationdb' &&
    (region.role === 'primary' || region.role === 'dr') &&
    fleet.regions.some(r => r.role === 'dr');
  if (fearlessDr)
    checks.push(usableRegionsCheck(ctx), coordinatorPlacementCheck(ctx));
  return checks.filter((c): c is HealthCheck => !!c);
}
