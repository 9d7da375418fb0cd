export { INFERADB_API_PATHS, isRegionPending } from './health';
export type {
  GetFleetHealthResponse,
  GetRegionHealthResponse,
  GetRegionHistoryResponse,
  ListClustersResponse,
  ListFleetsResponse,
  RefreshFleetRequest,
  RefreshFleetResponse,
  RegionHistoryQuery,
  RegionPendingResponse,
} from './health';
