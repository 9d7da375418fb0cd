import { CheckStatus, HealthStatus } from './status';
import { FLEET_STORAGE_TYPES, FleetRegionRole } from '../fleet/schema';

/**
 * A region's role in its fleet (the fleet schema's list).
 *
 * @public
 */
export type RegionRole = FleetRegionRole;

/**
 * The storage layer a fleet runs on.
 *
 * @public
 */
export type StorageKind = (typeof FLEET_STORAGE_TYPES)[number];

/**
 * The part of a region a check is about.
 *
 * @public
 */
export type HealthComponent =
  | 'engine'
  | 'control'
  | 'storage'
  | 'mesh'
  | 'replication'
  | 'topology'
  | 'performance';

/**
 * A source of observations the backend reads for every region.
 *
 * @public
 */
export type HealthSourceName =
  | 'kubernetes'
  | 'foundationdb'
  | 'engine-healthz'
  | 'control-healthz'
  | 'prometheus'
  | 'tailscale';

/**
 * A measured or configured value; numbers carry their unit in the check.
 *
 * @public
 */
export type HealthValue = number | string | boolean;

/**
 * One rule evaluated against a region's observations.
 *
 * @public
 */
export interface HealthCheck {
  /** Stable id, e.g. `storage.replication-lag`. */
  id: string;
  /** Human label, e.g. `Replication lag`. */
  label: string;
  component: HealthComponent;
  status: CheckStatus;
  /** Why the check is not healthy (absent when healthy), or why it is not available. */
  reason?: string;
  /** What was measured, when there is a measurement. */
  actual?: HealthValue;
  /** The threshold or target the actual value is compared against. */
  target?: HealthValue;
  /** Unit of `actual` and `target`, e.g. `s`, `ms`, `%`, `days`. */
  unit?: string;
  /** The source the observation came from. */
  source?: HealthSourceName;
}

/**
 * How reading one source went for one region: failures are values, never thrown.
 *
 * @public
 */
export interface SourceResult {
  source: HealthSourceName;
  ok: boolean;
  /** What went wrong, without secrets (e.g. `timed out after 5000 ms`, `HTTP 500`). */
  error?: string;
  /** How it went wrong, with `error`: says where to look. */
  failure?: SourceFailure;
  /** True when the source was cut off by its timeout. */
  timedOut?: boolean;
  /** True when the region has no configuration for this source (not an error). */
  skipped?: boolean;
  durationMs: number;
}

/**
 * How a source failed: unanswered (`timeout`), not reached (`network`: refused, reset, no
 * such host), `tls`, refused for its `credentials` (401, 403), a `server-error` (5xx,
 * rate limits, unavailable), a `bad-answer` (not the format the source speaks), `other`.
 *
 * @public
 */
export type SourceFailure =
  | 'timeout'
  | 'network'
  | 'tls'
  | 'credentials'
  | 'server-error'
  | 'bad-answer'
  | 'other';

/**
 * A workload of the region (a StatefulSet or Deployment) as Kubernetes reports it.
 *
 * @public
 */
export interface WorkloadHealth {
  component: 'engine' | 'control' | 'storage';
  kind: string;
  name: string;
  desired: number;
  ready: number;
  /** Container restarts of the workload's pods within the recent window (see `restartWindowMinutes`). */
  restarts: number;
  /** Pods whose Tailscale sidecar is ready, out of the pods that have one. */
  sidecarReady?: number;
  sidecarTotal?: number;
}

/**
 * The /healthz answer of Engine or Control, as read through the API server's service proxy.
 *
 * @public
 */
export interface ServiceHealth {
  service: 'engine' | 'control';
  status: 'healthy' | 'degraded' | 'unhealthy' | 'unknown';
  version?: string;
  uptimeSeconds?: number;
  /** Per-dependency details the service reported (storage, cache, auth...). */
  details?: Record<string, { status: string; message?: string }>;
}

/**
 * A data center region in the deployed FoundationDB `databaseConfiguration`.
 *
 * @public
 */
export interface FdbRegionConfig {
  /** The main data center's id. */
  dataCenter: string;
  priority: number;
  satellites: string[];
}

/**
 * The FoundationDB cluster status of a region (FoundationDBCluster custom resource).
 *
 * @public
 */
export interface FoundationDbHealth {
  clusterName: string;
  available?: boolean;
  healthy?: boolean;
  fullReplication?: boolean;
  dataMovementPriority?: number;
  /** `status.generations.reconciled == metadata.generation`. */
  reconciled?: boolean;
  usableRegions?: number;
  redundancyMode?: string;
  regions: FdbRegionConfig[];
  /** The data center of this region's cluster (`spec.dataCenter`). */
  dataCenter?: string;
  /** This region's deployed priority, when the data center appears in `regions`. */
  priority?: number;
  coordinators?: FdbCoordinators;
}

/**
 * The coordinators of the connection string (`status.connectionString`), and those among
 * them that run in this region's cluster, judged by their process groups' conditions.
 *
 * @public
 */
export interface FdbCoordinators {
  /** Coordinators in the connection string. */
  total: number;
  /** How many FDB recruits for the deployed configuration (9 with two usable regions). */
  desired?: number;
  /** Coordinators that are processes of this region's cluster. */
  here: number;
  /** Of those, the ones whose process group reports a missing or failing process. */
  unreachableHere: number;
}

/**
 * Raft-based InferaDB Ledger status of a region.
 *
 * @public
 */
export interface LedgerHealth {
  /** Members that say they lead (`inferadb_ledger_raft_is_leader`). */
  leaders?: number;
  /** Whether a majority of the voters is ready. */
  quorum?: boolean;
  /** Ready Ledger pods (the Raft voters) out of the StatefulSet's replicas. */
  votersReady?: number;
  voters?: number;
}

/**
 * Targets a region is held to, from configuration.
 *
 * @public
 */
export interface RegionTargets {
  p95LatencyMs?: number;
  replicationLagSeconds?: number;
  failoverSeconds?: number;
  uptimePercent?: number;
}

/**
 * Measured values beside the targets; `null` where the source gave nothing.
 *
 * @public
 */
export interface RegionActuals {
  p95LatencyMs?: number | null;
  replicationLagSeconds?: number | null;
  diskUsedPercent?: number | null;
  /**
   * Share of the stored collections (this one included) in which the region was not
   * critical; collections that reached no source (`unknown`) are left out.
   */
  uptimePercent?: number | null;
  /** When the oldest collection counted in `uptimePercent` was made. */
  uptimeSince?: string | null;
  /** Share of the stored collections (this one included) whose state was unknown. */
  uptimeUnknownPercent?: number | null;
}

/**
 * Whether the region could take over as primary now.
 *
 * @public
 */
export interface FailoverReadiness {
  /** False for regions whose role cannot take over (replica, satellite) or the primary itself. */
  applicable: boolean;
  /** `null` when the sources needed to decide were unavailable. */
  ready: boolean | null;
  /** What stands in the way, one sentence each. */
  blockers: string[];
  /** The inputs that could not be read, so readiness cannot be decided (`ready: null`). */
  missingInputs?: string[];
  /**
   * What taking over would cost even when ready, one sentence each with the fix (for
   * example: no satellite, so losing the primary loses its latest commits).
   */
  caveats?: string[];
}

/**
 * How the deployed FDB priorities compare with the roles in configuration.
 *
 * @public
 */
export interface PriorityCheck {
  /** This region's deployed FDB priority, when known. */
  deployedPriority?: number;
  /** The data center FDB prefers as primary (highest priority), when known. */
  deployedPrimary?: string;
  /** True when the deployment makes another region primary than the one declared. */
  contradictsDeclaredRole: boolean;
  reason?: string;
}

/**
 * The Tailscale mesh as seen from the Tailscale API.
 *
 * @public
 */
export interface MeshHealth {
  devices: number;
  connected: number;
  /** Earliest expiry among the region's auth key / device keys (ISO 8601). */
  keyExpiresAt?: string;
  keyExpiresInDays?: number;
  /** The region's auth key: the configured one, or the newest active key with its tags. */
  keyId?: string;
  /** Why the region's auth key could not be looked for (e.g. a missing scope). */
  keyError?: string;
}

/**
 * A maintenance window from configuration, e.g. `Sun 02:00-04:00 UTC`.
 *
 * @public
 */
export interface MaintenanceWindow {
  spec: string;
  /** Whether `collectedAt` fell inside the window; `null` if the spec could not be parsed. */
  active: boolean | null;
}

/**
 * The evaluated health of one region at one moment (a snapshot).
 *
 * @public
 */
export interface RegionHealth {
  fleet: string;
  region: string;
  storage: StorageKind;
  /** The role in configuration. */
  declaredRole: RegionRole;
  /** The role as deployed (from the FDB priorities), `unknown` when it cannot be told. */
  role: RegionRole | 'unknown';
  status: HealthStatus;
  /** One line saying why the status is what it is. */
  summary: string;
  checks: HealthCheck[];
  sources: SourceResult[];
  workloads: WorkloadHealth[];
  services: ServiceHealth[];
  foundationdb?: FoundationDbHealth;
  ledger?: LedgerHealth;
  mesh?: MeshHealth;
  /** Replication lag in seconds, `null` when unknown. */
  replicationLagSeconds: number | null;
  priority?: PriorityCheck;
  failover: FailoverReadiness;
  targets: RegionTargets;
  actuals: RegionActuals;
  maintenanceWindow?: MaintenanceWindow;
  /** When the observations were collected (ISO 8601). */
  collectedAt: string;
  /** How long the collection of this region took. */
  durationMs: number;
}

/** The evaluated health of a fleet: its regions plus fleet-wide findings. */
/**
 * Where a fleet's facts come from, and why that file cannot be used now.
 *
 * @public
 */
export interface FleetFileStatus {
  url: string;
  /** Set while the file cannot be read or parsed; health then uses its last good fleet. */
  error?: { message: string; field?: string; line?: number };
}

/** @public */
export interface FleetHealth {
  fleet: string;
  /** The fleet file the fleet is read from (absent for fleets written in app-config). */
  fleetFile?: FleetFileStatus;
  storage: StorageKind;
  status: HealthStatus;
  /** The region declared primary in configuration. */
  declaredPrimary?: string;
  /** The region the deployment makes primary, when known. */
  deployedPrimary?: string;
  /** Fleet-wide problems (e.g. priorities contradicting the declared primary). */
  issues: string[];
  regions: RegionHealth[];
  /** Latest `collectedAt` among the regions; absent before the first collection. */
  collectedAt?: string;
}

/**
 * A compact entry of the fleet list.
 *
 * @public
 */
export interface FleetSummary {
  fleet: string;
  fleetFile?: FleetFileStatus;
  storage: StorageKind;
  status: HealthStatus;
  regions: Array<{
    region: string;
    declaredRole: RegionRole;
    status: HealthStatus;
  }>;
  collectedAt?: string;
}

/**
 * One point of a region's health history, for charts.
 *
 * @public
 */
export interface HealthHistoryPoint {
  collectedAt: string;
  status: HealthStatus;
  replicationLagSeconds: number | null;
  p95LatencyMs: number | null;
  diskUsedPercent: number | null;
  /** Ids of the checks that were not healthy. */
  failingChecks: string[];
}
