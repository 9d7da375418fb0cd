import {
  FleetHealth,
  FleetSummary,
  HealthHistoryPoint,
  RegionHealth,
} from '../health/model';

/**
 * REST API of the InferaDB backend plugin, mounted at `/api/inferadb`.
 *
 * Every GET answers with an `ETag`; send it back in `If-None-Match` to get
 * `304 Not Modified` while the snapshot is unchanged.
 *
 * - `GET  /fleets`                                   → {@link ListFleetsResponse}
 * - `GET  /fleets/:fleet`                            → {@link GetFleetHealthResponse}
 * - `GET  /fleets/:fleet/regions/:region`            → {@link GetRegionHealthResponse}
 * - `GET  /fleets/:fleet/regions/:region/history`    → {@link GetRegionHistoryResponse}
 *   (query {@link RegionHistoryQuery})
 * - `POST /fleets/:fleet/refresh`                    → {@link RefreshFleetResponse}
 *   (body {@link RefreshFleetRequest}; needs the refresh permission)
 *
 * @public
 */
export const INFERADB_API_PATHS = {
  fleets: () => '/fleets',
  fleet: (fleet: string) => `/fleets/${encodeURIComponent(fleet)}`,
  region: (fleet: string, region: string) =>
    `/fleets/${encodeURIComponent(fleet)}/regions/${encodeURIComponent(
      region,
    )}`,
  regionHistory: (fleet: string, region: string) =>
    `/fleets/${encodeURIComponent(fleet)}/regions/${encodeURIComponent(
      region,
    )}/history`,
  refresh: (fleet: string) => `/fleets/${encodeURIComponent(fleet)}/refresh`,
  clusters: () => '/clusters',
} as const;

/**
 * `GET /fleets`
 *
 * @public
 */
export interface ListFleetsResponse {
  fleets: FleetSummary[];
}

/**
 * `GET /clusters`: the names of `inferadb.clusters`, in config order.
 *
 * @public
 */
export interface ListClustersResponse {
  clusters: Array<{ name: string }>;
}

/**
 * `GET /fleets/:fleet`
 *
 * @public
 */
export type GetFleetHealthResponse = FleetHealth;

/**
 * `GET /fleets/:fleet/regions/:region` before the region's first collection: answered
 * with `202 Accepted` and `Retry-After`. The region is in the fleet (a region that is not
 * answers 404, as does an unknown fleet); ask again after `retryAfterSeconds`.
 *
 * @public
 */
export interface RegionPendingResponse {
  fleet: string;
  region: string;
  collected: false;
  retryAfterSeconds: number;
  message: string;
}

/**
 * `GET /fleets/:fleet/regions/:region`: the region's health, or that it is pending.
 *
 * @public
 */
export type GetRegionHealthResponse = RegionHealth | RegionPendingResponse;

/**
 * True for the answer of a region not collected yet.
 *
 * @public
 */
export function isRegionPending(
  answer: GetRegionHealthResponse,
): answer is RegionPendingResponse {
  return (answer as RegionPendingResponse).collected === false;
}

/**
 * Query of `GET /fleets/:fleet/regions/:region/history`.
 *
 * @public
 */
export interface RegionHistoryQuery {
  /** ISO 8601 instant; only points collected after it. */
  since?: string;
  /** At most this many points, newest kept (default 288, max 2000). */
  limit?: number;
}

/**
 * `GET /fleets/:fleet/regions/:region/history`: points oldest first.
 *
 * @public
 */
export interface GetRegionHistoryResponse {
  fleet: string;
  region: string;
  points: HealthHistoryPoint[];
}

/**
 * Body of `POST /fleets/:fleet/refresh`.
 *
 * @public
 */
export interface RefreshFleetRequest {
  /** Refresh only this region of the fleet (it must be configured). */
  region?: string;
}

/**
 * `POST /fleets/:fleet/refresh`: the fleet's health after the forced collection.
 *
 * @public
 */
export type RefreshFleetResponse = FleetHealth;
