import { Labels, MetricsRegistry } from './exporter';

/** Request-latency buckets of `inferadb_api_request_duration_seconds`. */
export const LATENCY_BUCKETS = [
  0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5,
];

/** The values an InferaDB region exports, under their real metric names. */
export interface RegionMetricValues {
  replicationLagMs?: number;
  /** p95 request latency to aim the histogram at. */
  p95LatencyMs?: number;
  requestsPerSecond?: number;
  diskUsedBytes?: number;
  diskTotalBytes?: number;
  /** Ledger only: how many Raft members say they lead. */
  raftLeaders?: number;
  /** Ledger only: 1 with quorum, 0 without. */
  quorum?: number;
  version?: string;
}

/**
 * Writes a region's metrics as InferaDB Engine, Ledger and the kubelet export them
 * (`inferadb_replication_lag_milliseconds`, `inferadb_api_request_duration_seconds`,
 * `inferadb_ledger_raft_is_leader`, `ledger_cluster_quorum_status`, `ledger_disk_bytes_*`,
 * `kubelet_volume_stats_*`). Latency observations accumulate over `elapsedSeconds`, so
 * `rate()` over them gives the aimed p95.
 */
export function writeRegionMetrics(
  registry: MetricsRegistry,
  labels: Labels,
  values: RegionMetricValues,
  elapsedSeconds: number,
) {
  if (values.version) {
    registry.gauge(
      'inferadb_build_info',
      { ...labels, version: values.version },
      1,
      'InferaDB build',
    );
  }
  if (values.replicationLagMs !== undefined) {
    registry.gauge(
      'inferadb_replication_lag_milliseconds',
      labels,
      values.replicationLagMs,
      'Replication lag behind the primary region',
    );
  }
  if (values.p95LatencyMs !== undefined && elapsedSeconds > 0) {
    // Latencies uniform on [0, p95/0.95]: linear inside every bucket, so
    // histogram_quantile(0.95) lands on the aimed value.
    const max = values.p95LatencyMs / 1000 / 0.95;
    registry.observeHistogram(
      'inferadb_api_request_duration_seconds',
      labels,
      LATENCY_BUCKETS,
      (values.requestsPerSecond ?? 50) * elapsedSeconds,
      le => le / max,
      max / 2,
      'Authorization API request duration',
    );
  }
  if (
    values.diskTotalBytes !== undefined &&
    values.diskUsedBytes !== undefined
  ) {
    registry.gauge(
      'ledger_disk_bytes_total',
      labels,
      values.diskTotalBytes,
      'Disk bytes total',
    );
    registry.gauge(
      'ledger_disk_bytes_used',
      labels,
      values.diskUsedBytes,
      'Disk bytes used',
    );
    registry.gauge(
      'ledger_disk_bytes_free',
      labels,
      values.diskTotalBytes - values.diskUsedBytes,
      'Disk bytes free',
    );
    registry.gauge(
      'kubelet_volume_stats_capacity_bytes',
      labels,
      values.diskTotalBytes,
      'Volume capacity',
    );
    registry.gauge(
      'kubelet_volume_stats_used_bytes',
      labels,
      values.diskUsedBytes,
      'Volume used',
    );
  }
  if (values.raftLeaders !== undefined) {
    registry.gauge(
      'inferadb_ledger_raft_is_leader',
      labels,
      values.raftLeaders,
      'Whether this node leads',
    );
  }
  if (values.quorum !== undefined) {
    registry.gauge(
      'ledger_cluster_quorum_status',
      labels,
      values.quorum,
      'Quorum status',
    );
  }
}
