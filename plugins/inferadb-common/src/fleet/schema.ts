import { z } from 'zod';
import { MAINTENANCE_WINDOW_PATTERN } from './maintenanceWindow';
import { WORKLOAD_SIZES } from './sizing';

/**
 * `apiVersion` of the fleet file.
 *
 * @public
 */
export const FLEET_API_VERSION = 'inferadb.io/v1alpha1';
/**
 * `kind` of the fleet file.
 *
 * @public
 */
export const FLEET_KIND = 'Fleet';

/**
 * Roles a region can play. `primary` and `dr` hold the two FoundationDB main data centers;
 * `satellite` holds transaction logs for an FDB region; `replica` runs Engine and Control
 * only (in a Ledger fleet, with its own regional Ledger cluster unless told otherwise).
 *
 * @public
 */
export const FLEET_REGION_ROLES = [
  'primary',
  'dr',
  'satellite',
  'replica',
] as const;
/**
 * A region's role in its fleet.
 *
 * @public
 */
export type FleetRegionRole = (typeof FLEET_REGION_ROLES)[number];

/**
 * Storage flavours a fleet can run on.
 *
 * @public
 */
export const FLEET_STORAGE_TYPES = ['foundationdb', 'ledger'] as const;

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/**
 * A DNS-1123 label (Kubernetes object names, region and data center ids).
 *
 * @public
 */
export const dns1123Label = (what: string) =>
  z
    .string({ required_error: `${what} is required` })
    .max(63, `${what} must be at most 63 characters`)
    .regex(
      DNS1123_LABEL,
      `${what} must be a DNS-1123 label: lower-case letters, digits and '-', starting and ending with a letter or digit (for example us-west-1)`,
    );

/**
 * FDB storage engines the operator accepts for `storage_engine`.
 *
 * @public
 */
export const FDB_STORAGE_ENGINES = [
  'ssd',
  'ssd-1',
  'ssd-2',
  'ssd-redwood-1',
  'ssd-rocksdb-v1',
  'ssd-sharded-rocksdb',
  'memory',
  'memory-1',
  'memory-2',
] as const;

/**
 * FDB `satellite_redundancy_mode` values.
 *
 * @public
 */
export const FDB_SATELLITE_REDUNDANCY_MODES = [
  'one_satellite_single',
  'one_satellite_double',
  'one_satellite_triple',
  'two_satellite_safe',
  'two_satellite_fast',
] as const;

/**
 * A container image pinned to a release: a tag other than `latest`, or a digest. An
 * untagged or `latest` image changes under a running region on its next pull.
 *
 * @public
 */
export const pinnedImage = (what: string) =>
  z
    .string()
    .min(1)
    .refine(
      image => {
        if (/@sha256:[0-9a-f]{64}$/.test(image)) {
          return true;
        }
        const tag = /:([^/:]+)$/.exec(image)?.[1];
        return tag !== undefined && tag !== 'latest';
      },
      image => ({
        message: `${what} '${image}' is not pinned: give a release tag (for example inferadb/ledger:0.1.0-pre.1) or a digest, never latest or no tag`,
      }),
    );

const IPV4_CIDR =
  /^((25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\/([0-9]|[12]\d|3[0-2])$/;

/**
 * A FoundationDB connection string (the cluster file's line): `description:ID@` and
 * coordinator addresses, IPv4, `[IPv6]` or a host name, each with a port and optionally
 * `:tls` (FoundationDB's administration guide, "Cluster file format").
 */
const FDB_ADDRESS =
  '(?:\\[[0-9A-Fa-f:.]+\\]|[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?):[0-9]{1,5}(?::tls)?';
/** @public */
export const FDB_CONNECTION_STRING = new RegExp(
  `^[A-Za-z0-9_]+:[A-Za-z0-9]+@${FDB_ADDRESS}(?:,${FDB_ADDRESS})*$`,
);
/**
 * Far above 20 coordinators with long host names; bounds what a pull request quotes.
 *
 * @public
 */
export const MAX_CONNECTION_STRING_LENGTH = 2048;

const foundationdbStorageSchema = z
  .object({
    type: z.literal('foundationdb'),
    version: z
      .string()
      .regex(/^\d+\.\d+\.\d+$/, 'version must be an FDB release such as 7.3.69')
      .default('7.3.69')
      .describe('FoundationDB version every data center runs (pinned).'),
    redundancyMode: z
      .enum(['single', 'double', 'triple'])
      .default('double')
      .describe('FDB redundancy_mode inside each region.'),
    storageEngine: z.enum(FDB_STORAGE_ENGINES).default('ssd-2'),
    satelliteLogs: z
      .number()
      .int()
      .positive()
      .default(3)
      .describe(
        'satellite_logs: log processes recruited in the satellites of a region.',
      ),
    satelliteRedundancyMode: z
      .enum(FDB_SATELLITE_REDUNDANCY_MODES)
      .default('one_satellite_double'),
    seedConnectionString: z
      .string()
      .max(
        MAX_CONNECTION_STRING_LENGTH,
        `spec.storage.seedConnectionString may be at most ${MAX_CONNECTION_STRING_LENGTH} characters`,
      )
      .regex(
        FDB_CONNECTION_STRING,
        "spec.storage.seedConnectionString must be FoundationDB's cluster file format, description:ID@IP:PORT,IP:PORT,... (description: letters, digits and _; ID: letters and digits; addresses IPv4, [IPv6] or host names, each with a port and optionally :tls), e.g. inferadb_demo:Xq3cQ8fA@10.96.0.11:4501,10.96.0.12:4501",
      )
      .optional()
      .describe(
        "Connection string of the existing cluster (ConfigMap `<cluster>-config`, key `cluster-file`), given to every data center but the primary's so they join it.",
      ),
  })
  .strict();

const ledgerStorageSchema = z
  .object({
    type: z.literal('ledger'),
    // The appVersion of Ledger's own Helm chart (deploy/helm/inferadb-ledger/Chart.yaml).
    image: pinnedImage('spec.storage.image').default(
      'inferadb/ledger:0.1.0-pre.1',
    ),
    volumeSize: z
      .string()
      .regex(/^\d+(Mi|Gi|Ti)$/, 'volumeSize must be a quantity such as 10Gi')
      .default('10Gi'),
  })
  .strict();

/**
 * Storage flavour of a fleet with its settings.
 *
 * @public
 */
export const fleetStorageSchema = z.discriminatedUnion('type', [
  foundationdbStorageSchema,
  ledgerStorageSchema,
]);

/**
 * Tailscale settings of a fleet.
 *
 * @public
 */
export const fleetTailscaleSchema = z
  .object({
    tailnet: z.string().min(1).default('-'),
    tagPrefix: dns1123Label('spec.tailscale.tagPrefix')
      .default('inferadb')
      .describe(
        'Tags are tag:<prefix>-<region>, tag:<prefix>-engine, tag:<prefix>-control.',
      ),
    keyExpiryDays: z
      .number()
      .int()
      .min(1)
      .max(90, 'keyExpiryDays must be at most 90 (the Tailscale maximum)')
      .default(90),
    dnsSuffix: z
      .string()
      .regex(
        /^[a-z0-9.-]+$/,
        'dnsSuffix must be a MagicDNS suffix such as tail1234.ts.net',
      )
      .optional()
      .describe("The tailnet's MagicDNS suffix, e.g. tail1234.ts.net."),
    image: pinnedImage('spec.tailscale.image').default(
      'tailscale/tailscale:v1.76.6',
    ),
  })
  .strict();

/**
 * Targets a region is held to.
 *
 * @public
 */
export const fleetRegionTargetsSchema = z
  .object({
    p95LatencyMs: z.number().positive().optional(),
    replicationLagSeconds: z.number().nonnegative().optional(),
    failoverSeconds: z.number().positive().optional(),
    uptimePercent: z.number().gt(0).max(100).optional(),
  })
  .strict();

const processCountsSchema = z
  .object({
    storage: z.number().int().min(-1),
    log: z.number().int().min(-1),
    stateless: z.number().int().min(-1),
    cluster_controller: z.number().int().min(-1),
  })
  .partial()
  .strict();

/**
 * One region of a fleet.
 *
 * @public
 */
export const fleetRegionSchema = z
  .object({
    id: dns1123Label('id'),
    role: z.enum(FLEET_REGION_ROLES, {
      errorMap: () => ({
        message: `role must be one of ${FLEET_REGION_ROLES.join(', ')}`,
      }),
    }),
    provider: z
      .string()
      .min(1)
      .optional()
      .describe('Free-form provider label, e.g. aws.'),
    cluster: z
      .string({
        required_error:
          'cluster is required: the Kubernetes cluster name from inferadb.clusters',
      })
      .min(1, 'cluster must name a Kubernetes cluster from inferadb.clusters'),
    namespace: dns1123Label('namespace').default('inferadb'),
    workload: z.enum(WORKLOAD_SIZES).default('small'),
    dataCenter: dns1123Label('dataCenter')
      .optional()
      .describe(
        'FDB data center id (locality_dcid); defaults to the region id.',
      ),
    serviceCidr: z
      .string()
      .regex(
        IPV4_CIDR,
        'serviceCidr must be an IPv4 CIDR such as 10.96.0.0/16 (the Kubernetes Service range of the cluster)',
      )
      .optional()
      .describe(
        "FoundationDB fleets: the cluster's Kubernetes Service CIDR. The region's Tailscale subnet router advertises it, so other data centers reach its FDB processes on their Service IPs.",
      ),
    processCounts: processCountsSchema.optional(),
    ledgerReplicas: z.number().int().positive().optional(),
    regionalStorage: z
      .boolean()
      .optional()
      .describe(
        'Ledger fleets: whether a replica region runs its own Ledger cluster (default true).',
      ),
    maintenanceWindow: z
      .string()
      .regex(
        MAINTENANCE_WINDOW_PATTERN,
        "maintenanceWindow must look like 'Sun 02:00-04:00 UTC' (day, 24-hour UTC range)",
      )
      .optional(),
    targets: fleetRegionTargetsSchema.optional(),
  })
  .strict();

/** The fleet file: source of truth of a deployment repository. */
/**
 * Limits that bound the work a fleet file can cause (validation, rendering, the backend's
 * reads): far above any real deployment, far below what would stall a backend.
 *
 * @public
 */
export const MAX_FLEET_REGIONS = 200;
/**
 * The largest fleet file read, in bytes (200 regions with every field written out take about 60 KB).
 *
 * @public
 */
export const MAX_FLEET_FILE_BYTES = 64 * 1024;

/** @public */
export const fleetSchema = z
  .object({
    apiVersion: z.literal(FLEET_API_VERSION, {
      errorMap: () => ({ message: `apiVersion must be ${FLEET_API_VERSION}` }),
    }),
    kind: z.literal(FLEET_KIND, {
      errorMap: () => ({ message: `kind must be ${FLEET_KIND}` }),
    }),
    metadata: z
      .object({
        name: dns1123Label('metadata.name'),
        description: z.string().optional(),
      })
      .strict(),
    spec: z
      .object({
        owner: z
          .string()
          .min(1)
          .default('group:default/platform')
          .describe('Catalog owner of the fleet and its regions.'),
        storage: fleetStorageSchema,
        tailscale: fleetTailscaleSchema.default({}),
        regions: z
          .array(fleetRegionSchema)
          .min(1, 'spec.regions needs at least the primary region')
          .max(
            MAX_FLEET_REGIONS,
            `spec.regions may list at most ${MAX_FLEET_REGIONS} regions; split a larger deployment into several fleets`,
          ),
      })
      .strict(),
  })
  .strict();

/**
 * A fleet file as written (defaults not applied).
 *
 * @public
 */
export type FleetInput = z.input<typeof fleetSchema>;
/**
 * A parsed fleet with defaults applied.
 *
 * @public
 */
export type Fleet = z.output<typeof fleetSchema>;
/**
 * A region as written in the fleet file.
 *
 * @public
 */
export type FleetRegionInput = z.input<typeof fleetRegionSchema>;
/**
 * A parsed region with defaults applied.
 *
 * @public
 */
export type FleetRegion = z.output<typeof fleetRegionSchema>;
/**
 * A parsed storage section.
 *
 * @public
 */
export type FleetStorage = z.output<typeof fleetStorageSchema>;
/**
 * A parsed Tailscale section.
 *
 * @public
 */
export type FleetTailscale = z.output<typeof fleetTailscaleSchema>;
/**
 * A region's targets.
 *
 * @public
 */
export type FleetRegionTargets = z.output<typeof fleetRegionTargetsSchema>;
