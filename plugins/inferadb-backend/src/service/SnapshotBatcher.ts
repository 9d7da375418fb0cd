import { RegionHealth } from '@inferadb-regions/plugin-inferadb-common';
import { SnapshotStore } from '../snapshots/SnapshotStore';
import { withObservedUptime } from './observedUptime';

interface Pending {
  health: RegionHealth;
  done: { resolve(): void; reject(error: unknown): void };
}

/**
 * Stores regions as they finish, gathering those that finish within `windowMs` of each
 * other into one transaction: a region is served at most that long after it is done, and
 * a large fleet costs a few writes (and a few changes of the fleet's ETag), not one each.
 */
export class SnapshotBatcher {
  private pending: Pending[] = [];
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly store: SnapshotStore,
    private readonly windowMs = 25,
  ) {}

  /** Resolves once the region's snapshot is stored, its observed uptime set. */
  publish(health: RegionHealth): Promise<void> {
    return new Promise((resolve, reject) => {
      this.pending.push({ health, done: { resolve, reject } });
      this.timer ??= setTimeout(() => this.flush(), this.windowMs);
    });
  }

  private async flush() {
    const batch = this.pending;
    this.pending = [];
    this.timer = undefined;
    try {
      const byFleet = new Map<string, RegionHealth[]>();
      for (const { health } of batch)
        byFleet.set(health.fleet, [
          ...(byFleet.get(health.fleet) ?? []),
          health,
        ]);
      for (const [fleet, regions] of byFleet) {
        const availability = await this.store.availability(
          fleet,
          regions.map(r => r.region),
        );
        for (const health of regions)
          withObservedUptime(health, availability.get(health.region));
      }
      await this.store.save(batch.map(p => p.health));
      for (const p of batch) p.done.resolve();
    } catch (error) {
      for (const p of batch) p.done.reject(error);
    }
  }
}
