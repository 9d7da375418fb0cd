import { createApiRef } from '@backstage/core-plugin-api';
import {
  FleetHealth,
  GetRegionHistoryResponse,
  ListClustersResponse,
  ListFleetsResponse,
  GetRegionHealthResponse,
  RegionHistoryQuery,
} from '@inferadb-regions/plugin-inferadb-common';

/**
 * Reads fleet and region health from the InferaDB backend plugin.
 *
 * Reads are conditional: the client remembers each answer's `ETag` and asks with
 * `If-None-Match`, so a poll of an unchanged snapshot costs a `304` and returns the very
 * same object as before (React then skips the re-render).
 *
 * @public
 */
export interface InferadbApi {
  listFleets(): Promise<ListFleetsResponse>;
  getFleetHealth(fleet: string): Promise<FleetHealth>;
  /** The region's health, or that it has not been collected yet (202 from the backend). */
  getRegionHealth(
    fleet: string,
    region: string,
  ): Promise<GetRegionHealthResponse>;
  getRegionHistory(
    fleet: string,
    region: string,
    query?: RegionHistoryQuery,
  ): Promise<GetRegionHistoryResponse>;
  /** Forces a collection now (needs the refresh permission) and returns the result. */
  refreshFleet(fleet: string, region?: string): Promise<FleetHealth>;
  /** Names of the Kubernetes clusters in `inferadb.clusters`, for the new-region form. */
  listClusters(): Promise<ListClustersResponse>;
}

/**
 * Reference to the {@link InferadbApi}.
 *
 * @public
 */
export const inferadbApiRef = createApiRef<InferadbApi>({
  id: 'plugin.inferadb.service',
});
