import {
  FoundationDbHealth,
  HealthSourceName,
  MeshHealth,
  ServiceHealth,
  SourceResult,
  WorkloadHealth,
} from '@inferadb-regions/plugin-inferadb-common';

/** What Kubernetes says about the region's workloads. */
export interface KubernetesObservation {
  workloads: WorkloadHealth[];
}

/**
 * A Prometheus measurement: `null` when the query returned no sample, `undefined` when no
 * query is configured for the fleet's storage kind (the signal is not available).
 */
export type Measurement = number | null | undefined;

export interface PrometheusObservation {
  replicationLagSeconds: Measurement;
  p95LatencyMs: Measurement;
  /** Ledger: members that say they lead. */
  raftLeaders: Measurement;
  diskUsedPercent: Measurement;
}

/** Everything collected for one region; a failed source leaves its field unset. */
export interface RegionObservations {
  sources: SourceResult[];
  kubernetes?: KubernetesObservation;
  foundationdb?: FoundationDbHealth;
  services: Partial<Record<'engine' | 'control', ServiceHealth>>;
  prometheus?: PrometheusObservation;
  tailscale?: MeshHealth;
  /**
   * The whole error of each failed source (credentials stripped), for the backend log
   * only: hosts and URLs in it must never be stored or served.
   */
  failures?: Partial<Record<HealthSourceName, string>>;
  /** When collection started (epoch ms). */
  startedAt: number;
  durationMs: number;
}
