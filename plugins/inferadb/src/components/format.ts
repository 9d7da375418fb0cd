import {
  HealthValue,
  RegionHealth,
  RegionRole,
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

/** Regions that hold data and could be primary: set apart from replicas and satellites. */
export function isDataRegion(role: RegionRole | 'unknown') {
  return role === 'primary' || role === 'dr';
}
