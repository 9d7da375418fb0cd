import { Labels, MetricsRegistry } from './exporter';

/** Quantiles Engine's request-duration summary carries. */
export const LATENCY_QUANTILES = [0.5, 0.9, 0.95, 0.99];

/** The values of a region's series, under the names the real exporters use. */
export interface RegionMetricValues {
  /**
   * FoundationDB: the DR data center's lag behind the primary, as foundationdb-exporter
   * (aikoven) exports `cluster.datacenter_lag.seconds` of FDB's status JSON.
   */
  datacenterLagSeconds?: number;
  /** p95 request latency to aim Engine's summary at. */
  p95LatencyMs?: number;
  requestsPerSecond?: number;
  diskUsedBytes?: number;
  diskTotalBytes?: number;
  /** Ledger only: how many Raft members say they lead. */
  raftLeaders?: number;
}

/**
 * Writes a region's series as their real exporters do: FDB-era Engine's
 * `inferadb_api_request_duration_seconds` summary, foundationdb-exporter's
 * `fdb_datacenter_lag_seconds`, the kubelet's `kubelet_volume_stats_*`, and for Ledger
 * `inferadb_ledger_raft_is_leader` and `ledger_disk_*_bytes` (Ledger's metrics reference).
 */
export function writeRegionMetrics(
  registry: MetricsRegistry,
  labels: Labels,
  values: RegionMetricValues,
  elapsedSeconds: number,
) {
  if (values.datacenterLagSeconds !== undefined) {
    registry.gauge(
      'fdb_datacenter_lag_seconds',
      labels,
      values.datacenterLagSeconds,
      'Datacenter lag in seconds',
    );
  }
  if (values.p95LatencyMs !== undefined) {
    // Latencies uniform on [0, p95/0.95]: each quantile q sits at q times the maximum.
    const max = values.p95LatencyMs / 1000 / 0.95;
    registry.observeSummary(
      'inferadb_api_request_duration_seconds',
      labels,
      Object.fromEntries(LATENCY_QUANTILES.map(q => [String(q), q * max])),
      Math.max(0, (values.requestsPerSecond ?? 50) * elapsedSeconds),
      max / 2,
      'Duration of API requests in seconds',
    );
  }
  if (
    values.diskTotalBytes !== undefined &&
    values.diskUsedBytes !== undefined
  ) {
    registry.gauge(
      'kubelet_volume_stats_capacity_bytes',
      labels,
      values.diskTotalBytes,
      'Capacity in bytes of the volume',
    );
    registry.gauge(
      'kubelet_volume_stats_used_bytes',
      labels,
      values.diskUsedBytes,
      'Number of used bytes in the volume',
    );
  }
  if (values.raftLeaders !== undefined) {
    registry.gauge(
      'inferadb_ledger_raft_is_leader',
      labels,
      values.raftLeaders,
      '1 if leader, 0 otherwise',
    );
    if (
      values.diskTotalBytes !== undefined &&
      values.diskUsedBytes !== undefined
    ) {
      const disk = { ...labels, path: '/data' };
      registry.gauge(
        'ledger_disk_total_bytes',
        disk,
        values.diskTotalBytes,
        'Total disk space',
      );
      registry.gauge(
        'ledger_disk_available_bytes',
        disk,
        values.diskTotalBytes - values.diskUsedBytes,
        'Available disk space',
      );
    }
  }
}
