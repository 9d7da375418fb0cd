import { LoggerService } from '@backstage/backend-plugin-api';
import { NotFoundError } from '@backstage/errors';
import {
  FleetFileStatus,
  FleetHealth,
  FleetSummary,
  HealthHistoryPoint,
  RegionHealth,
} from '@inferadb-regions/plugin-inferadb-common';
import { RegionCollector } from '../collectors/RegionCollector';
import { RegionObservations } from '../collectors/types';
import { yieldWhenBusy } from '../cooperative';
import { FleetConfig, HealthConfig, RegionConfig } from '../config/types';
import { FleetDirectory } from '../fleets/FleetDirectory';
import { evaluateFleet, summarizeFleet } from '../evaluation/evaluateFleet';
import { evaluateRegion } from '../evaluation/evaluateRegion';
import { hashOf, SnapshotStore } from '../snapshots/SnapshotStore';
import { SnapshotBatcher } from './SnapshotBatcher';
import { SnapshotCache } from './SnapshotCache';
import { shardOf } from './shards';

/**
 * Collects, evaluates and stores region health, and serves the stored snapshots. Reads
 * never call upstream: only the scheduler and forced refreshes do, and concurrent
 * refreshes of the same fleet share one collection.
 */
export class HealthService {
  private readonly inFlight = new Map<string, Promise<RegionHealth[]>>();
  private fleetsRefresh?: Promise<void>;
  private readonly publisher: SnapshotBatcher;
  private readonly snapshots: SnapshotCache;
  private firstCollected = false;
  private markFirstCollected!: () => void;
  private readonly firstCollection = new Promise<void>(resolve => {
    this.markFirstCollected = () => {
      this.firstCollected = true;
      resolve();
    };
  });
  // The serialised fleet answer per fleet, reused while its ETag holds: many viewers
  // between two collections cost one database read and one serialisation.
  private readonly fleetJsonCache = new Map<
    string,
    { etag: string; json: Promise<Buffer> }
  >();

  constructor(
    private readonly config: HealthConfig,
    private readonly store: SnapshotStore,
    private readonly collector: RegionCollector,
    private readonly logger: LoggerService,
    private readonly directory: FleetDirectory,
  ) {
    this.publisher = new SnapshotBatcher(store);
    this.snapshots = new SnapshotCache(store);
  }

  /** The fleets collected now: written in app-config or read from fleet files. */
  fleets(): FleetConfig[] {
    return this.directory.fleets();
  }

  fleetConfig(name: string): FleetConfig {
    const fleet = this.directory.fleet(name);
    if (!fleet) {
      const error = this.directory.fileError(name);
      throw new NotFoundError(
        error
          ? `fleet '${name}' cannot be read from its fleet file ${error.url}${
              error.line ? ` (line ${error.line})` : ''
            }: ${error.message}`
          : `no fleet named '${name}': the backend collects ${
              this.fleets()
                .map(f => `'${f.name}'`)
                .join(', ') || 'no fleet'
            }; a fleet is found from a catalog System with inferadb.io/fleet-file, or from inferadb.fleets in app-config`,
      );
    }
    return fleet;
  }

  regionConfig(fleet: FleetConfig, id: string): RegionConfig {
    const region = fleet.regions.find(r => r.id === id);
    if (!region) {
      throw new NotFoundError(
        `fleet '${
          fleet.name
        }' has no region '${id}'; its regions are ${fleet.regions
          .map(r => r.id)
          .join(', ')}`,
      );
    }
    return region;
  }

  /** Why a fleet's file cannot be used now, while its last good fleet is collected. */
  fleetFileError(name: string) {
    return this.directory.fileError(name);
  }

  /** Reads the fleet files again (a 304 each when unchanged); concurrent calls share one read. */
  refreshFleets(): Promise<void> {
    this.fleetsRefresh ??= this.directory
      .refresh()
      .then(() => this.noticeOtherReplicas())
      .finally(() => {
        this.fleetsRefresh = undefined;
      });
    return this.fleetsRefresh;
  }

  /** Another replica may run the collection: its stored snapshots count as collected here. */
  private async noticeOtherReplicas() {
    if (this.firstCollected) return;
    const fleets = this.fleets();
    const tags = await Promise.all(fleets.map(f => this.store.etags(f.name)));
    // No fleet at all is an answer too: viewers must not wait for a collection of nothing.
    if (tags.every(t => t.size > 0)) this.markFirstCollected();
  }

  /**
   * Resolves once a first collection is stored, or after `boundMs`: the first viewers of a
   * freshly started backend get health rather than an empty fleet, and never wait longer
   * than the bound.
   */
  async untilFirstCollection(boundMs: number): Promise<void> {
    if (this.firstCollected) return;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      this.firstCollection,
      new Promise<void>(resolve => {
        timer = setTimeout(resolve, boundMs);
      }),
    ]);
    clearTimeout(timer);
  }

  /**
   * Collects the regions of shard `shard` of `shards` (a scheduled task). Fleet files are
   * read again first, so a region a merged pull request added is collected now; the first
   * shard also drops removed regions, with their history.
   */
  async collectShard(shard: number, shards: number): Promise<void> {
    try {
      await this.collectShardRegions(shard, shards);
    } finally {
      // Failed or not, the first attempt is over: viewers no longer wait for it.
      this.markFirstCollected();
    }
  }

  private async collectShardRegions(shard: number, shards: number) {
    await this.refreshFleets();
    const fleets = this.fleets();
    if (shard === 0) {
      await this.store.retain(
        fleets.flatMap(f =>
          f.regions.map(r => ({ fleet: f.name, region: r.id })),
        ),
      );
    }
    await Promise.all(
      fleets.map(fleet => {
        const regions = fleet.regions.filter(
          r => shardOf(fleet.name, r.id, shards) === shard,
        );
        return regions.length ? this.runCollection(fleet, regions) : [];
      }),
    );
  }

  /**
   * Collects a fleet (or one of its regions) now, as asked by a user: the fleet files are
   * read again first (a 304 each when unchanged), so a merged change is collected.
   */
  async collectNow(name: string, regionId?: string): Promise<RegionHealth[]> {
    await this.refreshFleets();
    return this.collectFleet(name, regionId);
  }

  /**
   * Collects a fleet (or one of its regions) now. Joins a collection of the same scope
   * already under way rather than starting another.
   */
  collectFleet(name: string, regionId?: string): Promise<RegionHealth[]> {
    const fleet = this.fleetConfig(name);
    const regions = regionId
      ? [this.regionConfig(fleet, regionId)]
      : fleet.regions;
    const key = `${name}\u0000${regionId ?? ''}`;
    let run = this.inFlight.get(key);
    if (!run) {
      run = this.runCollection(fleet, regions).finally(() =>
        this.inFlight.delete(key),
      );
      this.inFlight.set(key, run);
    }
    return run;
  }

  private async runCollection(
    fleet: FleetConfig,
    regions: RegionConfig[],
  ): Promise<RegionHealth[]> {
    const collection: RegionHealth[] = [];
    await this.collector.collect(fleet, regions, async (region, obs) => {
      collection.push(await this.evaluateAndPublish(fleet, region, obs));
    });
    return collection;
  }

  /**
   * Evaluates and stores one region as soon as its observations are in, so a slow or hung
   * region (stored at its timeout) never holds back the others.
   */
  private async evaluateAndPublish(
    fleet: FleetConfig,
    region: RegionConfig,
    obs: RegionObservations,
  ): Promise<RegionHealth> {
    await yieldWhenBusy();
    const health = evaluateRegion(fleet, region, obs, this.config.thresholds);
    for (const s of health.sources.filter(source => !source.ok)) {
      // Viewers see the kind of failure; the log has the whole error for the operator.
      this.logger.warn('InferaDB health source failed', {
        fleet: fleet.name,
        region: region.id,
        source: s.source,
        error: obs.failures?.[s.source] ?? s.error ?? 'unknown',
      });
    }
    await this.publisher.publish(health);
    return health;
  }

  /** Entity tag of a fleet's stored snapshots, read without loading them. */
  async fleetEtag(name: string): Promise<string> {
    const fleet = this.fleetConfig(name);
    const tags = await this.store.etags(name);
    return hashOf(
      JSON.stringify([
        fleet.regions.map(r => [r.id, tags.get(r.id) ?? null]),
        this.fleetFile(name) ?? null,
      ]),
    );
  }

  async listEtag(): Promise<string> {
    const tags = await Promise.all(
      this.fleets().map(f => this.fleetEtag(f.name)),
    );
    return hashOf(tags.join(','));
  }

  /**
   * The fleet's health from its stored snapshots; `fresh` ones (a collection just made)
   * stand in for their regions' stored ones, and when they cover every region the
   * database is not read at all.
   */
  async fleetHealth(
    name: string,
    fresh: RegionHealth[] = [],
  ): Promise<FleetHealth> {
    const fleet = this.fleetConfig(name);
    const freshIds = new Set(fresh.map(r => r.region));
    const stored = fleet.regions.every(r => freshIds.has(r.id))
      ? []
      : (await this.storedRegions(name))
          .map(s => s.health)
          .filter(h => !freshIds.has(h.region));
    const health = evaluateFleet(fleet, [...stored, ...fresh]);
    const fleetFile = this.fleetFile(name);
    return fleetFile ? { ...health, fleetFile } : health;
  }

  /** The fleet's stored region snapshots, read and parsed once per change. */
  private async storedRegions(name: string) {
    return this.snapshots.regions(name, await this.store.etags(name));
  }

  /** The fleet's file and its current error, for fleets read from one. */
  fleetFile(name: string): FleetFileStatus | undefined {
    const url = this.directory.fileUrl(name);
    if (!url) return undefined;
    const error = this.directory.fileError(name);
    return {
      url,
      ...(error && {
        error: { message: error.message, field: error.field, line: error.line },
      }),
    };
  }

  /**
   * The fleet's health as JSON text, its regions' stored JSON spliced in as it is: only the
   * regions that changed since the last answer are read and parsed.
   */
  private async buildFleetJson(name: string): Promise<string> {
    const fleet = this.fleetConfig(name);
    const stored = await this.storedRegions(name);
    const { regions, ...rest } = evaluateFleet(
      fleet,
      stored.map(s => s.health),
    );
    const jsonOf = new Map(stored.map(s => [s.health, s.json]));
    const fleetFile = this.fleetFile(name);
    const head = JSON.stringify(fleetFile ? { ...rest, fleetFile } : rest);
    return `${head.slice(0, -1)},"regions":[${regions
      .map(r => jsonOf.get(r))
      .join(',')}]}`;
  }

  /** The fleet's health as UTF-8 JSON for the given ETag (from {@link fleetEtag}). */
  fleetJson(name: string, etag: string): Promise<Buffer> {
    const cached = this.fleetJsonCache.get(name);
    if (cached?.etag === etag) return cached.json;
    // Encoded once per version, not once per viewer.
    const json = this.buildFleetJson(name).then(text => Buffer.from(text));
    json.catch(() => this.fleetJsonCache.delete(name));
    this.fleetJsonCache.set(name, { etag, json });
    return json;
  }

  async listFleets(): Promise<FleetSummary[]> {
    return Promise.all(
      this.fleets().map(async f =>
        summarizeFleet(f, await this.fleetHealth(f.name)),
      ),
    );
  }

  /**
   * A region's stored snapshot with its entity tag, or undefined before its first
   * collection (a region just added to its fleet file). 404 for an unknown fleet or a
   * region the fleet does not have.
   */
  async regionHealth(
    name: string,
    regionId: string,
  ): Promise<{ health: RegionHealth; etag: string } | undefined> {
    const fleet = this.fleetConfig(name);
    this.regionConfig(fleet, regionId);
    const [stored] = await this.store.latest(name, regionId);
    return stored;
  }

  /** How long a first viewer waits for the first collection: its sources' timeout and a second. */
  firstAnswerWaitMs(): number {
    return this.config.sourceTimeoutMs + 1000;
  }

  /** Seconds until the next scheduled collection has surely run. */
  retryAfterSeconds(): number {
    return Math.ceil(
      (this.config.refreshIntervalMs + this.config.sourceTimeoutMs) / 1000,
    );
  }

  async regionHistory(
    name: string,
    regionId: string,
    options: { since?: number; limit: number },
  ): Promise<HealthHistoryPoint[]> {
    const fleet = this.fleetConfig(name);
    this.regionConfig(fleet, regionId);
    return this.store.history(name, regionId, options);
  }
}
