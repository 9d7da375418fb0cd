import { HumanDuration } from '@backstage/types';

export interface Config {
  /** InferaDB Regions plugins. */
  inferadb?: {
    /**
     * Fleets whose health the backend collects besides those the catalog names (a System
     * with `inferadb.io/fleet-file`). Either the URL of a fleet file, which holds every
     * fact of the fleet, or, for a fleet without one, the fleet written out here. Region
     * and cluster targets never come from a request.
     */
    fleets?: Array<{
      /**
       * URL of the fleet's fleet.yaml, read through Backstage's URL reader (an integration
       * or `backend.reading.allow` must cover it). An entry with `fleetFile` has nothing else.
       */
      fleetFile?: string;
      /** Fleet name; matches the `inferadb.io/fleet` annotation of its System entity. */
      name?: string;
      /** The storage layer of every region of the fleet. */
      storage?: 'foundationdb' | 'ledger';
      regions?: Array<{
        /** Region id; matches the `inferadb.io/region` annotation of its Resource entity. */
        id: string;
        /** The role the region is meant to have. */
        role: 'primary' | 'dr' | 'satellite' | 'replica';
        /** Name of an entry of `inferadb.clusters` (the region's Kubernetes API server). */
        cluster: string;
        /** Namespace InferaDB runs in. Defaults to `inferadb`. */
        namespace?: string;
        /**
         * The FDB data center id of this region in `databaseConfiguration.regions`.
         * Defaults to the region id.
         */
        dataCenter?: string;
        /** Name of the region's FoundationDBCluster. Defaults to the first one in the namespace. */
        foundationDbCluster?: string;
        /** Engine's Service as `name:port`, read through the API server's service proxy. Defaults to `inferadb-engine:8080`. */
        engineService?: string;
        /** Control's Service as `name:port`. Defaults to `inferadb-control:9090`. */
        controlService?: string;
        /**
         * Prometheus for this region: its own URL, or a federated one with the label that
         * tells regions apart.
         */
        prometheus?: {
          url: string;
          /** Label carrying the region id in a federated Prometheus. */
          regionLabel?: string;
          /**
           * Value of `regionLabel` for this region. Defaults to the region id.
           */
          regionValue?: string;
        };
        /** Tailscale tags of the region's devices, e.g. `tag:inferadb-us-west-1`. */
        tailscaleTags?: string[];
        /**
         * Id of the region's Tailscale auth key, to report its expiry. When omitted, the
         * newest active key that carries all of `tailscaleTags` is used (the credentials
         * then need `auth_keys:read`), so a rotation shows without a config change.
         */
        tailscaleKeyId?: string;
        /** Targets shown beside the measured values. */
        targets?: {
          p95LatencyMs?: number;
          replicationLagSeconds?: number;
          failoverSeconds?: number;
          uptimePercent?: number;
        };
        /** A weekly window such as `Sun 02:00-04:00 UTC`. */
        maintenanceWindow?: string;
      }>;
    }>;

    /** How the backend collects and evaluates health. */
    health?: {
      /**
       * Prometheus of the fleets read from fleet files: one server, or a federated one
       * whose `regionLabel` carries the region id.
       */
      prometheus?: {
        url: string;
        regionLabel?: string;
      };
      /** How often the scheduler collects every fleet. Defaults to 30 seconds. */
      refreshInterval?: HumanDuration;
      /** Time allowed to each source of each region. Defaults to 5 seconds. */
      sourceTimeout?: HumanDuration;
      /**
       * Upstream requests a collection may have in flight at once. A source waits for its
       * slots before its timeout starts, so a large fleet queues instead of timing out.
       */
      concurrency?: {
        /** To all Kubernetes API servers together. Defaults to 128. */
        kubernetes?: number;
        /** To one API server. Defaults to 8. */
        perApiServer?: number;
        /** To one Prometheus URL. Defaults to 64. */
        prometheus?: number;
        /** To the Tailscale API. Defaults to 4. */
        tailscale?: number;
      };
      /**
       * Scheduled collection tasks the regions are split over. Backstage's scheduler runs
       * each on one backend replica per interval, so with several replicas they share the
       * collection; no region is collected twice. Defaults to 1.
       */
      shards?: number;
      /**
       * Collect on a worker thread with clients of its own, so parsing upstream answers
       * never holds up viewers' requests. Defaults to false (the backend's event loop,
       * yielding every few milliseconds).
       */
      collectInWorker?: boolean;
      /** How many history points to keep per region. Defaults to 2880 (a day at 30 s). */
      historyLimit?: number;
      /** Thresholds of the checks; the defaults are the seed documents' alert levels. */
      thresholds?: {
        /** Replication lag above this is degraded (seconds). Defaults to 5. */
        replicationLagSeconds?: number;
        /** Storage use above this is degraded (percent). Defaults to 80. */
        storageUsedPercent?: number;
        /** A Tailscale key expiring within this many days is degraded. Defaults to 14. */
        keyExpiryDays?: number;
        /** Container restarts within the restart window above this are degraded. Defaults to 5. */
        restarts?: number;
        /** The window restarts are counted over (minutes). Defaults to 15. */
        restartWindowMinutes?: number;
      };
      /**
       * PromQL of each Prometheus measurement. `{selector}` is replaced with the region's
       * label matcher (for example `region="us-west-1"`, or nothing). The defaults query
       * only series that InferaDB, Ledger and the kubelet document, per storage kind; a
       * measurement without a query is shown as not available. See docs/health.md.
       */
      metrics?: {
        replicationLagSeconds?: string;
        p95LatencySeconds?: string;
        raftLeaders?: string;
        diskUsedRatio?: string;
        /** Queries tried in order when the main query returns no sample. */
        aliases?: {
          replicationLagSeconds?: string[];
          p95LatencySeconds?: string[];
          raftLeaders?: string[];
          diskUsedRatio?: string[];
        };
      };
    };
  };
}
