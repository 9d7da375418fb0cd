import { RegionHealth } from '@internal/plugin-inferadb-common';
import { RegionAvailability } from '../snapshots/SnapshotStore';

/**
 * Sets the region's uptime actual: the share of its stored collections, this one
 * included, in which it was not critical. Collections that reached no source say nothing
 * of the region and are left out. The window is the stored history
 * (`inferadb.health.historyLimit` points).
 */
export function withObservedUptime(
  health: RegionHealth,
  past: RegionAvailability | undefined,
): RegionHealth {
  const known = health.status !== 'unknown';
  const counted = (past?.counted ?? 0) + (known ? 1 : 0);
  if (counted === 0) {
    health.actuals.uptimePercent = null;
    health.actuals.uptimeSince = null;
    return health;
  }
  const up = (past?.up ?? 0) + (known && health.status !== 'critical' ? 1 : 0);
  const now = Date.parse(health.collectedAt);
  health.actuals.uptimePercent = Math.round((10000 * up) / counted) / 100;
  health.actuals.uptimeSince = new Date(
    past?.counted ? Math.min(past.since, now) : now,
  ).toISOString();
  return health;
}
