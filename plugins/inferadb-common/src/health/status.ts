/**
 * Status of a region, a fleet or a single check.
 *
 * - `healthy`: every check passes.
 * - `degraded`: serving, but something needs attention (lag above target, a pod not ready).
 * - `critical`: serving is at risk or stopped (no leader, storage unavailable).
 * - `unknown`: the sources needed to decide could not be read.
 *
 * @public
 */
export type HealthStatus = 'healthy' | 'degraded' | 'critical' | 'unknown';

/**
 * Status of a single check: a {@link HealthStatus}, or `not-available` when the fleet's
 * components export no signal for it (nothing failed; there is nothing to read). Such a
 * check never counts towards a region's status.
 *
 * @public
 */
export type CheckStatus = HealthStatus | 'not-available';

/**
 * Every {@link HealthStatus}, from best to worst.
 *
 * @public
 */
export const HEALTH_STATUSES: readonly HealthStatus[] = [
  'healthy',
  'degraded',
  'unknown',
  'critical',
];

// `unknown` ranks between degraded and critical: a region that cannot be read may be down,
// so it never reads better than a known minor problem; only a known critical one outranks it.
const RANK: Record<HealthStatus, number> = {
  healthy: 0,
  degraded: 1,
  unknown: 2,
  critical: 3,
};

/**
 * The worse of the given statuses, `not-available` left out; `healthy` for none.
 *
 * @public
 */
export function worstStatus(statuses: Iterable<CheckStatus>): HealthStatus {
  let worst: HealthStatus = 'healthy';
  for (const s of statuses) {
    if (s !== 'not-available' && RANK[s] > RANK[worst]) worst = s;
  }
  return worst;
}

/**
 * Orders statuses from worst to best, for sorting regions by urgency.
 *
 * @public
 */
export function compareStatusSeverity(a: HealthStatus, b: HealthStatus) {
  return RANK[b] - RANK[a];
}
