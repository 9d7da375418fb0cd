import { UpstreamLimits } from '../collectors/upstreamGate';
import {
  RegionRole,
  RegionTargets,
  StorageKind,
} from '@inferadb-regions/plugin-inferadb-common';

/** Where a region's Prometheus measurements come from. */
export interface PrometheusTarget {
  url: string;
  /** Label matcher text placed in each query's `{selector}`, e.g. `region="us-west-1"`. */
  selector: string;
}

/** One region of a fleet, as configured. */
export interface RegionConfig {
  id: string;
  role: RegionRole;
  cluster: string;
  namespace: string;
  dataCenter: string;
  foundationDbCluster?: string;
  engineService: string;
  controlService: string;
  prometheus?: PrometheusTarget;
  tailscaleTags: string[];
  tailscaleKeyId?: string;
  targets: RegionTargets;
  maintenanceWindow?: string;
}

/** One fleet, as configured. */
export interface FleetConfig {
  name: string;
  storage: StorageKind;
  regions: RegionConfig[];
}

/** Where Prometheus lives for fleets read from fleet files (per environment). */
export interface PrometheusSettings {
  url: string;
  /** Label carrying the region id in a federated Prometheus. */
  regionLabel?: string;
}

/** Alert levels of the checks. */
export interface HealthThresholds {
  replicationLagSeconds: number;
  storageUsedPercent: number;
  keyExpiryDays: number;
  /** Restarts within the window above this are degraded. */
  restarts: number;
  restartWindowMinutes: number;
}

/**
 * A measurement read from Prometheus: the query first, then the aliases. Without either,
 * the measurement is not available.
 */
export interface MetricQuery {
  query?: string;
  aliases: string[];
}

export interface HealthMetrics {
  replicationLagSeconds: MetricQuery;
  p95LatencySeconds: MetricQuery;
  raftLeaders: MetricQuery;
  diskUsedRatio: MetricQuery;
}

/** Everything the health backend reads from `inferadb.fleets` and `inferadb.health`. */
export interface HealthConfig {
  /** Fleets written out in app-config (for portals without a fleet file). */
  fleets: FleetConfig[];
  /** URLs of fleet files listed in app-config, beside those the catalog names. */
  fleetFiles: string[];
  /** Upstream requests allowed in flight at once. */
  concurrency: UpstreamLimits;
  /** Prometheus of the fleets read from fleet files. */
  prometheus?: PrometheusSettings;
  refreshIntervalMs: number;
  sourceTimeoutMs: number;
  historyLimit: number;
  /** Scheduled collection tasks the regions are split over (for several replicas). */
  shards: number;
  /** Collect on a worker thread, off the event loop that serves viewers. */
  collectInWorker: boolean;
  thresholds: HealthThresholds;
  /** Queries per storage kind: the defaults, with what app-config sets applied to both. */
  metrics: Record<StorageKind, HealthMetrics>;
}
