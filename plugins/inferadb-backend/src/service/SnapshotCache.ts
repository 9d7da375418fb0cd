import { RegionHealth } from '@inferadb-regions/plugin-inferadb-common';
import { SnapshotStore } from '../snapshots/SnapshotStore';

interface Cached {
  etag: string;
  health: RegionHealth;
  /** The stored JSON text, served as it is. */
  json: string;
}

/**
 * The latest snapshots of fleets' regions, read and parsed once per change: while a
 * collection publishes region after region, answering a viewer costs the regions that
 * changed, not the whole fleet.
 */
export class SnapshotCache {
  private readonly cached = new Map<string, Map<string, Cached>>();

  constructor(private readonly store: SnapshotStore) {}

  /** The stored snapshots of the fleet, for the regions and ETags given. */
  async regions(
    fleet: string,
    etags: Map<string, string>,
  ): Promise<Array<{ health: RegionHealth; json: string }>> {
    const known = this.cached.get(fleet) ?? new Map<string, Cached>();
    const stale = [...etags]
      .filter(([region, etag]) => known.get(region)?.etag !== etag)
      .map(([region]) => region);
    const fresh = new Map<string, Cached>();
    for (const [region] of etags) {
      const entry = known.get(region);
      if (entry && !stale.includes(region)) fresh.set(region, entry);
    }
    if (stale.length) {
      for (const row of await this.store.latestJson(fleet, stale)) {
        fresh.set(row.region, {
          etag: row.etag,
          json: row.json,
          health: JSON.parse(row.json),
        });
      }
    }
    this.cached.set(fleet, fresh);
    return [...fresh.values()];
  }
}
