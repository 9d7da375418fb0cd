import { FleetConfig, RegionConfig } from '../config/types';
import { collectRegion, CollectorDeps } from './collectRegion';
import { sharedDeviceList } from './tailscale';
import { RegionObservations } from './types';

/** Called for each region as soon as its observations are in. */
export type RegionCollected = (
  region: RegionConfig,
  observations: RegionObservations,
) => Promise<void>;

/** Collects regions' observations, here or on another thread. */
export interface RegionCollector {
  /** Collects the regions, calling `collected` for each as it finishes. */
  collect(
    fleet: FleetConfig,
    regions: RegionConfig[],
    collected: RegionCollected,
  ): Promise<void>;
  /** Stops what the collector runs (its thread), at backend shutdown. */
  close?(): Promise<void>;
}

/** Collects on the backend's own event loop. */
export function inProcessCollector(deps: CollectorDeps): RegionCollector {
  return {
    async collect(fleet, regions, collected) {
      // One device list of the tailnet for the whole collection.
      const scoped: CollectorDeps = deps.tailscale
        ? { ...deps, tailscaleDevices: sharedDeviceList(deps.tailscale) }
        : deps;
      await Promise.all(
        regions.map(async region =>
          collected(region, await collectRegion(fleet, region, scoped)),
        ),
      );
    },
  };
}
