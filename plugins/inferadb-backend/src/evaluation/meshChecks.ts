import {
  HealthCheck,
  HealthStatus,
} from '@inferadb-regions/plugin-inferadb-common';
import { EvaluationContext, unknownCheck } from './context';

/** Critical when none is up (or there are none), degraded when some are, else healthy. */
function shareStatus(up: number, total: number): HealthStatus {
  if (up === 0) return 'critical';
  return up < total ? 'degraded' : 'healthy';
}

function sidecarsCheck({ obs }: EvaluationContext): HealthCheck | undefined {
  const ws = obs.kubernetes?.workloads.filter(w => w.sidecarTotal) ?? [];
  if (!ws.length) return undefined;
  const ready = ws.reduce((n, w) => n + (w.sidecarReady ?? 0), 0);
  const total = ws.reduce((n, w) => n + (w.sidecarTotal ?? 0), 0);
  const status = shareStatus(ready, total);
  return {
    id: 'mesh.sidecars',
    label: 'Tailscale sidecars',
    component: 'mesh',
    status,
    actual: ready,
    target: total,
    unit: 'ready',
    source: 'kubernetes',
    reason:
      status === 'healthy'
        ? undefined
        : `${
            total - ready
          } of ${total} Tailscale sidecars not ready; those pods cannot reach other regions`,
  };
}

function devicesCheck({ obs }: EvaluationContext): HealthCheck {
  const base = {
    id: 'mesh.devices',
    label: 'Tailnet devices',
    component: 'mesh',
  } as const;
  const m = obs.tailscale;
  if (!m) return unknownCheck(base, obs, 'tailscale');
  let reason: string | undefined;
  if (m.devices === 0) reason = "no tailnet device carries the region's tags";
  else if (m.connected === 0)
    reason = `none of the region's ${m.devices} devices is connected to Tailscale control; it cannot reach other regions`;
  else if (m.connected < m.devices)
    reason = `${m.devices - m.connected} of ${
      m.devices
    } devices not connected to Tailscale control`;
  return {
    ...base,
    status: shareStatus(m.connected, m.devices),
    actual: m.connected,
    target: m.devices,
    unit: 'connected',
    source: 'tailscale',
    reason,
  };
}

function keyExpiryCheck({
  obs,
  thresholds: t,
}: EvaluationContext): HealthCheck | undefined {
  const m = obs.tailscale;
  const base = {
    id: 'mesh.key-expiry',
    label: 'Key expiry',
    component: 'mesh',
    source: 'tailscale',
  } as const;
  if (!m) return undefined;
  if (m.keyExpiresInDays === undefined) {
    return m.keyError
      ? {
          ...base,
          status: 'unknown',
          reason: `${m.keyError}; give the Tailscale credentials auth_keys:read, or name the key with tailscaleKeyId`,
        }
      : undefined;
  }
  const d = m.keyExpiresInDays;
  let status: HealthStatus = 'healthy';
  let reason: string | undefined;
  if (d <= 0) {
    status = 'critical';
    reason = `the Tailscale key expired at ${m.keyExpiresAt}; rotate it (docs/runbooks/key-rotation.md)`;
  } else if (d < t.keyExpiryDays) {
    status = 'degraded';
    reason = `the Tailscale key expires in ${d} days (${m.keyExpiresAt}); rotate it`;
  }
  return {
    ...base,
    status,
    reason,
    actual: d,
    target: t.keyExpiryDays,
    unit: 'days',
  };
}

/** The Tailscale mesh: sidecars from Kubernetes, devices and key expiry from the API. */
export function meshChecks(ctx: EvaluationContext): HealthCheck[] {
  const checks = [sidecarsCheck(ctx)];
  const ts = ctx.obs.sources.find(s => s.source === 'tailscale');
  if (ts && !ts.skipped) checks.push(devicesCheck(ctx), keyExpiryCheck(ctx));
  return checks.filter((c): c is HealthCheck => !!c);
}
