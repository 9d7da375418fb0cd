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

/** Prometheus measurements; `null` where the query returned no sample. */
export interface PrometheusObservation {
  replicationLagSeconds: number | null;
  p95LatencyMs: number | null;
  raftLeaders: number | null;
  quorum: boolean | null;
  diskUsedPercent: number | null;
  coordinatorsReachable: number | null;
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
