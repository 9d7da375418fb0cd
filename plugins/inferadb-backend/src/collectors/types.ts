import {
  FoundationDbHealth,
  MeshHealth,
  ServiceHealth,
  SourceResult,
  WorkloadHealth,
} from '@internal/plugin-inferadb-common';

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
  /** When collection started (epoch ms). */
  startedAt: number;
  durationMs: number;
}
