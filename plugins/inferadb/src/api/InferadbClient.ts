import { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  FleetHealth,
  GetRegionHistoryResponse,
  INFERADB_API_PATHS,
  ListClustersResponse,
  ListFleetsResponse,
  RefreshFleetRequest,
  GetRegionHealthResponse,
  RegionHistoryQuery,
} from '@inferadb-regions/plugin-inferadb-common';
import { InferadbApi } from './InferadbApi';

interface CachedAnswer {
  etag: string;
  body: unknown;
}

/**
 * Default {@link InferadbApi}: talks to the backend plugin through Backstage's discovery
 * and fetch APIs (which add the user's token).
 *
 * @public
 */
export class InferadbClient implements InferadbApi {
  private readonly discoveryApi: DiscoveryApi;
  private readonly fetchApi: FetchApi;
  // One entry per URL; bounded by the fleets and regions a user looks at.
  private readonly answers = new Map<string, CachedAnswer>();

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi;
  }

  listFleets(): Promise<ListFleetsResponse> {
    return this.get(INFERADB_API_PATHS.fleets());
  }

  getFleetHealth(fleet: string): Promise<FleetHealth> {
    return this.get(INFERADB_API_PATHS.fleet(fleet));
  }

  getRegionHealth(
    fleet: string,
    region: string,
  ): Promise<GetRegionHealthResponse> {
    return this.get(INFERADB_API_PATHS.region(fleet, region));
  }

  getRegionHistory(
    fleet: string,
    region: string,
    query: RegionHistoryQuery = {},
  ): Promise<GetRegionHistoryResponse> {
    const params = new URLSearchParams();
    if (query.since) params.set('since', query.since);
    if (query.limit !== undefined) params.set('limit', String(query.limit));
    const qs = params.toString();
    return this.get(
      `${INFERADB_API_PATHS.regionHistory(fleet, region)}${qs ? `?${qs}` : ''}`,
    );
  }

  listClusters(): Promise<ListClustersResponse> {
    return this.get(INFERADB_API_PATHS.clusters());
  }

  async refreshFleet(fleet: string, region?: string): Promise<FleetHealth> {
    const body: RefreshFleetRequest = region ? { region } : {};
    const response = await this.fetchApi.fetch(
      await this.url(INFERADB_API_PATHS.refresh(fleet)),
      {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      },
    );
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return (await response.json()) as FleetHealth;
  }

  private async url(path: string) {
    return `${await this.discoveryApi.getBaseUrl('inferadb')}${path}`;
  }

  private async get<T>(path: string): Promise<T> {
    const url = await this.url(path);
    const cached = this.answers.get(url);
    const response = await this.fetchApi.fetch(url, {
      headers: cached ? { 'If-None-Match': cached.etag } : {},
    });
    if (response.status === 304 && cached) {
      return cached.body as T;
    }
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    const body = (await response.json()) as T;
    const etag = response.headers.get('ETag');
    // 202: not collected yet; ask again rather than revalidate a placeholder.
    if (etag && response.status !== 202) {
      this.answers.set(url, { etag, body });
    } else {
      this.answers.delete(url);
    }
    return body;
  }
}
