import { RegionHealth } from '@inferadb-regions/plugin-inferadb-common';
import { RegionAvailability } from '../snapshots/SnapshotStore';

/**
 * Sets the region's uptime actuals: the share of its known collections, this one
 * included, in which it was not critical, and the share of all collections whose state
 * was unknown (no source could say), so an unreachable region never reads as up. The
 * window is the stored history (`inferadb.health.historyLimit` points).
 */
const percent = (part: number, whole: number) =>
  Math.round((10000 * part) / whole) / 100;

export function withObservedUptime(
  health: RegionHealth,
  past: RegionAvailability | undefined,
): RegionHealth {
  const known = health.status !== 'unknown';
  const counted = (past?.counted ?? 0) + (known ? 1 : 0);
  const unknown = (past?.unknown ?? 0) + (known ? 0 : 1);
  health.actuals.uptimeUnknownPercent = percent(unknown, counted + unknown);
  if (counted === 0) {
    health.actuals.uptimePercent = null;
    health.actuals.uptimeSince = null;
    return health;
  }
  const up = (past?.up ?? 0) + (known && health.status !== 'critical' ? 1 : 0);
  const now = Date.parse(health.collectedAt);
  health.actuals.uptimePercent = percent(up, counted);
  health.actuals.uptimeSince = new Date(
    past?.since ? Math.min(past.since, now) : now,
  ).toISOString();
  return health;
}
