import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import {
  HealthHistoryPoint,
  HealthStatus,
  RegionHealth,
} from '@inferadb-regions/plugin-inferadb-common';
import { createHash } from 'node:crypto';
import { yieldWhenBusy } from '../cooperative';
import { Knex } from 'knex';

const SNAPSHOTS = 'inferadb_region_snapshots';
const HISTORY = 'inferadb_region_history';

/** What the stored history says of a region's availability. */
export interface RegionAvailability {
  /** Points in which the region was healthy or degraded. */
  up: number;
  /** Points whose state was known (not `unknown`). */
  counted: number;
  /** Points whose state was `unknown`: no source could say. */
  unknown: number;
  /** Epoch milliseconds of the oldest known point; `null` when none was known. */
  since: number | null;
}

/** A stored snapshot with its entity tag. */
export interface StoredSnapshot {
  health: RegionHealth;
  etag: string;
}

export function hashOf(text: string) {
  return createHash('sha256').update(text).digest('base64url').slice(0, 32);
}

/**
 * The plugin's database: the latest snapshot per region, and a bounded history of
 * compact points per region.
 */
export class SnapshotStore {
  static async create(options: {
    database: DatabaseService;
    historyLimit: number;
  }): Promise<SnapshotStore> {
    const knex = await options.database.getClient();
    if (!options.database.migrations?.skip) {
      await knex.migrate.latest({
        directory: resolvePackagePath(
          '@inferadb-regions/plugin-inferadb-backend',
          'migrations',
        ),
      });
    }
    return new SnapshotStore(knex, options.historyLimit);
  }

  private constructor(
    private readonly knex: Knex,
    private readonly historyLimit: number,
  ) {}

  /**
   * Stores the snapshots of one collection and their history points in one transaction,
   * so viewers see all regions of a collection or none of them, and a fleet of many
   * regions costs a handful of statements rather than a transaction per region.
   */
  async save(collection: RegionHealth[]): Promise<StoredSnapshot[]> {
    if (!collection.length) return [];
    const stored: Array<{ health: RegionHealth; json: string; etag: string }> =
      [];
    for (const health of collection) {
      const json = JSON.stringify(health);
      stored.push({ health, json, etag: hashOf(json) });
      await yieldWhenBusy();
    }
    await this.knex.transaction(async tx => {
      await tx(SNAPSHOTS)
        .insert(
          stored.map(({ health, json, etag }) => ({
            fleet: health.fleet,
            region: health.region,
            status: health.status,
            collected_at: Date.parse(health.collectedAt),
            etag,
            health: json,
          })),
        )
        .onConflict(['fleet', 'region'])
        .merge();
      await tx(HISTORY).insert(stored.map(({ health }) => historyRow(health)));
      // Keep the newest `historyLimit` points of each region: one statement for the whole
      // collection, so a remote database costs one round trip, not two per region.
      for (const [fleet, regions] of regionsByFleet(collection)) {
        const ranked = tx(HISTORY)
          .where({ fleet })
          .whereIn('region', regions)
          .select(
            'id',
            tx.raw(
              'row_number() over (partition by region order by id desc) as newest',
            ),
          );
        await tx(HISTORY)
          .whereIn(
            'id',
            tx
              .select('id')
              .from(ranked.as('ranked'))
              .where('newest', '>', this.historyLimit),
          )
          .delete();
      }
    });
    return stored.map(({ health, etag }) => ({ health, etag }));
  }

  /** Entity tags of a fleet's latest snapshots, by region: cheap to read for 304s. */
  async etags(fleet: string): Promise<Map<string, string>> {
    const rows = await this.knex(SNAPSHOTS)
      .where({ fleet })
      .select('region', 'etag');
    return new Map(rows.map(r => [r.region, r.etag]));
  }

  /** The stored JSON text of the given regions' latest snapshots, unparsed. */
  async latestJson(
    fleet: string,
    regions: string[],
  ): Promise<Array<{ region: string; etag: string; json: string }>> {
    const rows = await this.knex(SNAPSHOTS)
      .where({ fleet })
      .whereIn('region', regions)
      .select('region', 'etag', 'health');
    return rows.map(r => ({ region: r.region, etag: r.etag, json: r.health }));
  }

  async latest(fleet: string, region?: string): Promise<StoredSnapshot[]> {
    const query = this.knex(SNAPSHOTS).where({ fleet });
    if (region) query.andWhere({ region });
    const rows = await query.select('health', 'etag');
    return rows.map(r => ({ health: JSON.parse(r.health), etag: r.etag }));
  }

  /**
   * Per given region of a fleet, how many stored history points knew its state (not
   * `unknown`), how many of those were not critical, how many were unknown, and when the
   * oldest known one was collected.
   */
  async availability(
    fleet: string,
    regions: string[],
  ): Promise<Map<string, RegionAvailability>> {
    const rows: any[] = await this.knex(HISTORY)
      .where({ fleet })
      .whereIn('region', regions)
      .groupBy('region')
      .select(
        'region',
        this.knex.raw(
          "sum(case when status in ('healthy', 'degraded') then 1 else 0 end) as up",
        ),
        this.knex.raw(
          "sum(case when status = 'unknown' then 1 else 0 end) as unknown",
        ),
        this.knex.raw(
          "min(case when status <> 'unknown' then collected_at end) as since",
        ),
      )
      .count({ points: '*' });
    return new Map(
      rows.map(r => [
        r.region,
        {
          up: Number(r.up),
          counted: Number(r.points) - Number(r.unknown),
          unknown: Number(r.unknown),
          since: r.since === null ? null : Number(r.since),
        },
      ]),
    );
  }

  /** History points of a region, oldest first, the newest `limit` after `since`. */
  async history(
    fleet: string,
    region: string,
    options: { since?: number; limit: number },
  ): Promise<HealthHistoryPoint[]> {
    const query = this.knex(HISTORY).where({ fleet, region });
    if (options.since !== undefined)
      query.andWhere('collected_at', '>', options.since);
    const rows = await query
      .orderBy('id', 'desc')
      .limit(options.limit)
      .select();
    return rows.reverse().map(r => ({
      collectedAt: new Date(Number(r.collected_at)).toISOString(),
      status: r.status as HealthStatus,
      replicationLagSeconds: numberOrNull(r.replication_lag_seconds),
      p95LatencyMs: numberOrNull(r.p95_latency_ms),
      diskUsedPercent: numberOrNull(r.disk_used_percent),
      failingChecks: JSON.parse(r.failing_checks),
    }));
  }

  /** Removes snapshots of regions no longer configured, so they are not served. */
  async retain(
    configured: Array<{ fleet: string; region: string }>,
    /** Fleets left alone whatever they hold (their fleet file cannot be read now). */
    untouched: Iterable<string> = [],
  ) {
    const keep = new Set(configured.map(c => `${c.fleet}\u0000${c.region}`));
    const spared = new Set(untouched);
    const rows = await this.knex(SNAPSHOTS).select('fleet', 'region');
    for (const r of rows) {
      if (!spared.has(r.fleet) && !keep.has(`${r.fleet}\u0000${r.region}`)) {
        await this.knex(SNAPSHOTS)
          .where({ fleet: r.fleet, region: r.region })
          .delete();
        await this.knex(HISTORY)
          .where({ fleet: r.fleet, region: r.region })
          .delete();
      }
    }
  }
}

function regionsByFleet(collection: RegionHealth[]): Map<string, string[]> {
  const byFleet = new Map<string, string[]>();
  for (const { fleet, region } of collection) {
    byFleet.set(fleet, [...(byFleet.get(fleet) ?? []), region]);
  }
  return byFleet;
}

function numberOrNull(v: unknown): number | null {
  if (v === null || v === undefined) return null;
  const n = Number(v);
  return Number.isFinite(n) ? n : null;
}

function historyRow(health: RegionHealth) {
  return {
    fleet: health.fleet,
    region: health.region,
    collected_at: Date.parse(health.collectedAt),
    status: health.status,
    replication_lag_seconds: health.actuals.replicationLagSeconds ?? null,
    p95_latency_ms: health.actuals.p95LatencyMs ?? null,
    disk_used_percent: health.actuals.diskUsedPercent ?? null,
    failing_checks: JSON.stringify(
      health.checks.filter(c => c.status !== 'healthy').map(c => c.id),
    ),
  };
}
