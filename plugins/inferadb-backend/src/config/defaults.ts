import { StorageKind } from '@inferadb-regions/plugin-inferadb-common';
import { UpstreamLimits } from '../collectors/upstreamGate';
import { HealthMetrics, HealthThresholds } from './types';

/**
 * Requests in flight at once: enough that a 20-region fleet is collected in one round
 * trip (6 Kubernetes requests and 2-3 queries a region), few enough that a 500-region
 * fleet does not burst API servers, Prometheus and the Tailscale API.
 */
export const DEFAULT_CONCURRENCY: UpstreamLimits = {
  kubernetes: 128,
  perApiServer: 8,
  prometheus: 64,
  tailscale: 4,
};

/** The alert levels of the original design documents, and a 15-minute restart window. */
export const DEFAULT_THRESHOLDS: HealthThresholds = {
  replicationLagSeconds: 5,
  storageUsedPercent: 80,
  keyExpiryDays: 14,
  restarts: 5,
  restartWindowMinutes: 15,
};

const KUBELET_DISK =
  'max(kubelet_volume_stats_used_bytes{selector} / kubelet_volume_stats_capacity_bytes{selector})';

/**
 * PromQL per measurement and storage kind. `{selector}` becomes the region's label matcher
 * (or nothing). Only series that a fleet's components document or that the kubelet
 * exports are queried; a measurement without a query is "not available" (see
 * `NOT_EXPORTED`). docs/health.md cites the source of each series.
 */
export const DEFAULT_METRICS: Record<StorageKind, HealthMetrics> = {
  foundationdb: {
    replicationLagSeconds: { aliases: [] },
    // FDB-era Engine records its request histogram through the `metrics` crate, whose
    // Prometheus exporter renders histograms as summaries (quantile labels).
    p95LatencySeconds: {
      query:
        'max(inferadb_api_request_duration_seconds{quantile="0.95",selector})',
      aliases: [],
    },
    raftLeaders: { aliases: [] },
    diskUsedRatio: { query: KUBELET_DISK, aliases: [] },
  },
  ledger: {
    replicationLagSeconds: { aliases: [] },
    p95LatencySeconds: { aliases: [] },
    raftLeaders: {
      query: 'sum(inferadb_ledger_raft_is_leader{selector})',
      aliases: [],
    },
    diskUsedRatio: {
      query:
        'max(1 - ledger_disk_available_bytes{selector} / ledger_disk_total_bytes{selector})',
      aliases: [KUBELET_DISK],
    },
  },
};

/** Why a measurement has no default query, per storage kind. */
export const NOT_EXPORTED: Record<
  StorageKind,
  Partial<Record<keyof HealthMetrics, string>>
> = {
  foundationdb: {
    replicationLagSeconds:
      "FoundationDB reports the DR lag only in its status JSON (cluster.datacenter_lag), and InferaDB exports no lag series; set inferadb.health.metrics.replicationLagSeconds to a query over your FDB exporter's lag",
  },
  ledger: {
    replicationLagSeconds:
      'Ledger replicates through Raft and its metrics reference lists no lag series; set inferadb.health.metrics.replicationLagSeconds to measure one',
    p95LatencySeconds:
      'the Ledger-era Engine serves no /metrics; set inferadb.health.metrics.p95LatencySeconds to a latency series you collect (for example from your ingress)',
  },
};
