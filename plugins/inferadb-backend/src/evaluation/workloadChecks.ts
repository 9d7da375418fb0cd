import {
  HealthCheck,
  HealthStatus,
  ServiceHealth,
  WorkloadHealth,
} from '@inferadb-regions/plugin-inferadb-common';
import { EvaluationContext, podsOf, unknownCheck } from './context';
import { measuredCheck } from './measuredCheck';

type Component = WorkloadHealth['component'];

function podsCheck(
  component: Component,
  label: string,
  { obs }: EvaluationContext,
): HealthCheck {
  const base = {
    id: `${component}.workload`,
    label,
    component,
    unit: 'ready',
  } as const;
  if (!obs.kubernetes) return unknownCheck(base, obs, 'kubernetes');
  const { workloads, ready, desired } = podsOf(
    obs.kubernetes.workloads,
    component,
  );
  if (!workloads) {
    return {
      ...base,
      status: 'critical',
      source: 'kubernetes',
      reason: `no ${component} workload found in the namespace`,
    };
  }
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

const SERVICE_STATUS: Record<ServiceHealth['status'], HealthStatus> = {
  healthy: 'healthy',
  degraded: 'degraded',
  unhealthy: 'critical',
  unknown: 'critical',
};

function healthzCheck(
  service: 'engine' | 'control',
  label: string,
  { obs }: EvaluationContext,
): HealthCheck {
  const source = `${service}-healthz` as const;
  const base = { id: `${service}.healthz`, label, component: service } as const;
  const h = obs.services[service];
  if (!h) return unknownCheck(base, obs, source);
  const failing = Object.entries(h.details ?? {})
    .filter(([, d]) => d.status !== 'healthy')
    .map(([k, d]) => `${k} ${d.status}${d.message ? ` (${d.message})` : ''}`);
  const status = SERVICE_STATUS[h.status];
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

function restartsCheck({ obs, thresholds: t }: EvaluationContext): HealthCheck {
  const base = {
    id: 'pods.restarts',
    label: `Restarts (${t.restartWindowMinutes} min)`,
    component: 'engine',
    unit: 'restarts',
  } as const;
  if (!obs.kubernetes) return unknownCheck(base, obs, 'kubernetes');
  const worst = obs.kubernetes.workloads.reduce<WorkloadHealth | undefined>(
    (w, x) => (!w || x.restarts > w.restarts ? x : w),
    undefined,
  );
  const restarts = worst?.restarts ?? 0;
  const degraded = restarts > t.restarts;
  return {
    ...base,
    component: worst?.component ?? 'engine',
    status: degraded ? 'degraded' : 'healthy',
    reason: degraded
      ? `${worst!.name} containers restarted ${restarts} times in the last ${
          t.restartWindowMinutes
        } minutes (more than ${t.restarts})`
      : undefined,
    actual: restarts,
    target: t.restarts,
    source: 'kubernetes',
  };
}

/** Engine, Control and storage pods, their /healthz, restarts and request latency. */
export function workloadChecks(ctx: EvaluationContext): HealthCheck[] {
  const latency = measuredCheck(ctx, {
    base: {
      id: 'performance.p95-latency',
      label: 'p95 latency',
      component: 'performance',
      unit: 'ms',
    },
    metric: 'p95LatencySeconds',
    value: p => p.p95LatencyMs,
    limit: ctx.region.targets.p95LatencyMs,
    reason: (v, l) => `p95 latency ${v} ms is above the ${l} ms target`,
  });
  return [
    podsCheck('engine', 'Engine pods', ctx),
    healthzCheck('engine', 'Engine /healthz', ctx),
    podsCheck('control', 'Control pods', ctx),
    healthzCheck('control', 'Control /healthz', ctx),
    podsCheck(
      'storage',
      ctx.fleet.storage === 'foundationdb'
        ? 'FoundationDB processes'
        : 'Ledger pods',
      ctx,
    ),
    restartsCheck(ctx),
    ...(latency ? [latency] : []),
  ];
}
