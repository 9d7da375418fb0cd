import {
  HealthSourceName,
  HealthValue,
  RegionHealth,
  RegionRole,
  SourceResult,
} from '@inferadb-regions/plugin-inferadb-common';

export const ROLE_LABELS: Record<RegionRole | 'unknown', string> = {
  primary: 'Primary',
  dr: 'Disaster recovery',
  satellite: 'Satellite',
  replica: 'Read replica',
  unknown: 'Unknown',
};

/** Short lag text: `0.4 s`, `12 s`, `3 min`; an em dash when unknown. */
export function formatLag(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined) return '—';
  if (seconds < 10) return `${Math.round(seconds * 10) / 10} s`;
  if (seconds < 120) return `${Math.round(seconds)} s`;
  return `${Math.round(seconds / 60)} min`;
}

/** A measured or target value with its unit. */
export function formatValue(
  value: HealthValue | null | undefined,
  unit?: string,
) {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'number') {
    const rounded = Math.round(value * 100) / 100;
    return unit ? `${rounded} ${unit}` : String(rounded);
  }
  return unit ? `${value} ${unit}` : value;
}

/**
 * A check's measurement beside its target, without saying the same thing twice: `yes` when
 * a flag is as required, `2 of 3 ready` for counts, else `20 ms (target 50 ms)`.
 */
export function formatActualTarget(
  actual: HealthValue | null | undefined,
  target: HealthValue | null | undefined,
  unit?: string,
): string {
  if (target === undefined || target === null) return formatValue(actual, unit);
  if (actual === undefined || actual === null)
    return `— (target ${formatValue(target, unit)})`;
  if (typeof actual === 'boolean')
    return actual === target
      ? formatValue(actual)
      : `${formatValue(actual)} (should be ${formatValue(target)})`;
  if (unit === 'ready')
    return `${formatValue(actual)} of ${formatValue(target)} ready`;
  return `${formatValue(actual, unit)} (target ${formatValue(target, unit)})`;
}

/** `12 s ago`, `5 min ago`, `3 h ago`, `2 d ago`. */
export function formatAge(iso: string | undefined, now: number = Date.now()) {
  if (!iso) return 'never';
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return 'unknown';
  const s = Math.max(0, Math.round((now - t) / 1000));
  if (s < 60) return `${s} s ago`;
  if (s < 3600) return `${Math.round(s / 60)} min ago`;
  if (s < 86400) return `${Math.round(s / 3600)} h ago`;
  return `${Math.round(s / 86400)} d ago`;
}

/** A region's checks for one component, worst first. */
export function checksOf(region: RegionHealth, component: string) {
  return region.checks.filter(c => c.component === component);
}

/** Sources that failed (not skipped) for a region. */
export function failedSources(region: RegionHealth) {
  return region.sources.filter(s => !s.ok && !s.skipped);
}

/** What the backend reads for each source, as a sentence names it. */
const SOURCE_SERVERS: Record<HealthSourceName, string> = {
  kubernetes: "the region's Kubernetes API server",
  foundationdb: "the region's Kubernetes API server",
  'engine-healthz':
    "Engine's /healthz (through the region's Kubernetes API server)",
  'control-healthz':
    "Control's /healthz (through the region's Kubernetes API server)",
  prometheus: "the region's Prometheus",
  tailscale: 'the Tailscale API',
};

/**
 * Where to look when a source could not be read, by how it failed (the backend's
 * `failure`): an unanswered or refused request points at the server or the network, a 401
 * or 403 at the backend's credentials, a TLS failure at the certificate.
 */
export function whereToLook(source: SourceResult): string {
  const server = SOURCE_SERVERS[source.source];
  const failure = source.failure ?? (source.timedOut ? 'timeout' : 'other');
  switch (failure) {
    case 'credentials':
      return `check the backend's credentials for ${server}`;
    case 'tls':
      return `check the certificate of ${server} and the CA the backend trusts for it`;
    case 'server-error':
      return `check ${server}: it answered with an error or is unavailable`;
    case 'bad-answer':
      return `check that the backend's address for ${server} is right: the answer was not what ${server} sends`;
    default:
      return `check that ${server} is up and that the backend can reach it`;
  }
}

/** Regions that hold data and could be primary: set apart from replicas and satellites. */
export function isDataRegion(role: RegionRole | 'unknown') {
  return role === 'primary' || role === 'dr';
}
