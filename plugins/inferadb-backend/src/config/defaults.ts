import { HealthMetrics, HealthThresholds } from './types';

/** The alert levels of the original design documents. */
export const DEFAULT_THRESHOLDS: HealthThresholds = {
  replicationLagSeconds: 5,
  minCoordinators: 3,
  storageUsedPercent: 80,
  keyExpiryDays: 14,
  restarts: 5,
};

/**
 * PromQL per measurement. `{selector}` becomes the region's label matcher (or nothing).
 * The queries use what InferaDB, Ledger and Kubernetes really export; the aliases are the
 * names in the original design documents, which some exporters use, tried when the query
 * returns no sample.
 */
export const DEFAULT_METRICS: HealthMetrics = {
  replicationLagSeconds: {
    query: 'max(inferadb_replication_lag_milliseconds{selector}) / 1000',
    aliases: [
      'max(fdb_datacenter_lag_seconds{selector})',
      'max(fdb_replication_lag_seconds{selector})',
      'max(ledger_replication_lag_seconds{selector})',
    ],
  },
  p95LatencySeconds: {
    query:
      'histogram_quantile(0.95, sum by (le) (rate(inferadb_api_request_duration_seconds_bucket{selector}[5m])))',
    aliases: [],
  },
  raftLeaders: {
    query: 'sum(inferadb_ledger_raft_is_leader{selector})',
    aliases: ['sum(ledger_raft_leader{selector})'],
  },
  quorum: {
    query: 'min(ledger_cluster_quorum_status{selector})',
    aliases: ['min(fdb_client_quorum_reachable{selector})'],
  },
  diskUsedRatio: {
    query:
      'max(ledger_disk_bytes_used{selector} / ledger_disk_bytes_total{selector})',
    aliases: [
      'max(kubelet_volume_stats_used_bytes{selector} / kubelet_volume_stats_capacity_bytes{selector})',
    ],
  },
  coordinatorsReachable: {
    // No exporter InferaDB ships reports coordinator reachability; the seed name is kept
    // as an alias for exporters that have it. Without a sample the count of coordinators
    // in the FoundationDBCluster's connection string is used.
    aliases: ['sum(fdb_coordinators_connected{selector})'],
  },
};
