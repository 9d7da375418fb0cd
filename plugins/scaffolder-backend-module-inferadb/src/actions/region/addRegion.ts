import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { addRegion } from '@inferadb-regions/plugin-inferadb-node';
import { fleetDirectory, workspaceRelative } from '../fleet/fleetDirectory';
import {
  FLEET_REGION_ROLES,
  FleetRegionRole,
  WORKLOAD_SIZES,
} from '@inferadb-regions/plugin-inferadb-common';
import { FLEET_PATH_DESCRIPTION, Z } from '../fleet/inputs';
import { refusalsAsMessages } from '../refusals';
import { logPlan } from './logPlan';

export const ADD_REGION_ACTION_ID = 'inferadb:region:add';

const examples = [
  {
    description:
      'Add a DR region to the FoundationDB fleet of the fetched deployment repository',
    example: `steps:
  - id: add-region
    action: ${ADD_REGION_ACTION_ID}
    name: Add eu-central-1
    input:
      path: inferadb
      id: eu-central-1
      role: dr
      cluster: demo-eu-central-1
      workload: medium
      provider: aws
      serviceCidr: 10.97.0.0/16
      maintenanceWindow: 'Sun 10:00-12:00 UTC'
      targets:
        p95LatencyMs: 50
        replicationLagSeconds: 5
        failoverSeconds: 60
        uptimePercent: 99.95
`,
  },
  {
    description:
      'Add a satellite data center (transaction logs only) for the FDB regions',
    example: `steps:
  - id: add-region
    action: ${ADD_REGION_ACTION_ID}
    name: Add us-east-1 as a satellite
    input:
      path: inferadb
      id: us-east-1
      role: satellite
      cluster: demo-us-east-1
      serviceCidr: 10.98.0.0/16
      maintenanceWindow: 'Sat 02:00-04:00 UTC'
`,
  },
];

const ADDABLE_ROLES = FLEET_REGION_ROLES.filter(
  (role): role is Exclude<FleetRegionRole, 'primary'> => role !== 'primary',
) as [
  Exclude<FleetRegionRole, 'primary'>,
  ...Exclude<FleetRegionRole, 'primary'>[],
];

/** Inputs of `inferadb:region:add`, each described for the template editor. */
const addRegionInputs = {
  path: (z: Z) => z.string().default('.').describe(FLEET_PATH_DESCRIPTION),
  id: (z: Z) =>
    z
      .string()
      .describe(
        'Region id, a DNS-1123 label such as eu-central-1. Names the region folder, catalog entity and Tailscale tag.',
      ),
  role: (z: Z) =>
    z
      // Every role but primary: a fleet starts with its primary (inferadb-regions init).
      .enum(ADDABLE_ROLES)
      .describe(
        'dr: the second FoundationDB main region (Fearless DR) or a Ledger failover region; satellite: an FDB data center holding transaction logs; replica: Engine and Control only.',
      ),
  cluster: (z: Z) =>
    z
      .string()
      .describe(
        'Kubernetes cluster name, as listed under inferadb.clusters in app-config.',
      ),
  namespace: (z: Z) =>
    z
      .string()
      .optional()
      .describe("Kubernetes namespace (default 'inferadb')."),
  workload: (z: Z) =>
    z
      .enum(WORKLOAD_SIZES)
      .optional()
      .describe(
        'small, medium or large: FDB process counts or Ledger replicas from the sizing table (default small).',
      ),
  provider: (z: Z) =>
    z
      .string()
      .optional()
      .describe('Provider label, e.g. aws or gcp (shown as a catalog tag).'),
  dataCenter: (z: Z) =>
    z
      .string()
      .optional()
      .describe('FoundationDB data center id; defaults to the region id.'),
  serviceCidr: (z: Z) =>
    z
      .string()
      .optional()
      .describe(
        "FoundationDB data centers: the cluster's Kubernetes Service CIDR (e.g. 10.97.0.0/16), advertised on the tailnet by the region's subnet router; must not overlap another region's.",
      ),
  maintenanceWindow: (z: Z) =>
    z
      .string()
      .optional()
      .describe(
        "Weekly maintenance window such as 'Sun 02:00-04:00 UTC'; must not leave fewer than half the regions up.",
      ),
  targets: (z: Z) =>
    z
      .object({
        p95LatencyMs: z.number().optional(),
        replicationLagSeconds: z.number().optional(),
        failoverSeconds: z.number().optional(),
        uptimePercent: z.number().optional(),
      })
      .optional()
      .describe(
        'Targets the region is held to: p95 latency (ms), replication lag (s), failover time (s), uptime (%).',
      ),
  ledgerReplicas: (z: Z) =>
    z
      .number()
      .int()
      .optional()
      .describe('Ledger fleets: Raft replicas of the region (odd).'),
  regionalStorage: (z: Z) =>
    z
      .boolean()
      .optional()
      .describe(
        'Ledger fleets, replica regions: run a regional Ledger cluster (default true).',
      ),
  seedConnectionString: (z: Z) =>
    z
      .string()
      .optional()
      .describe(
        "FoundationDB: the running cluster's connection string (ConfigMap <cluster>-config, key cluster-file), so new data centers join it.",
      ),
};

/** Outputs of the region actions. */
const regionChangeOutputs = {
  changedPaths: (z: Z) =>
    z
      .array(z.string())
      .describe(
        'Files created, changed or deleted, relative to the workspace.',
      ),
  plan: (z: Z) =>
    z
      .string()
      .describe(
        'The plan in Markdown: files with unified diffs, FoundationDB stages and what to watch. Use it as the pull request body.',
      ),
};

/** Options of the region actions. */
export interface RegionActionOptions {
  /** App config; when it lists inferadb.clusters, the region's cluster must be one of them. */
  config?: Config;
}

function checkCluster(config: Config | undefined, cluster: string) {
  const known = config
    ?.getOptionalConfigArray('inferadb.clusters')
    ?.map(c => c.getString('name'));
  if (known && known.length > 0 && !known.includes(cluster)) {
    throw new InputError(
      `cluster: ${cluster} is not a Kubernetes cluster of inferadb.clusters in app-config; choose one of ${known.join(
        ', ',
      )}`,
    );
  }
}

/**
 * `inferadb:region:add`: adds a region to the fleet in the task workspace and renders every
 * file it needs and every change it implies for the existing regions.
 */
export function createAddRegionAction(options: RegionActionOptions = {}) {
  return createTemplateAction({
    id: ADD_REGION_ACTION_ID,
    description: [
      "Adds a region to the InferaDB fleet in the workspace (a fetched deployment repository): updates fleet.yaml and renders the region's files (FoundationDBCluster per data center or Ledger StatefulSet and Services, Engine and Control Helm values, catalog-info.yaml) and the changes to existing regions (tailnet sidecars and subnet routers, FDB regions and satellites, Tailscale policy).",
      'Inputs: path (folder holding fleet.yaml, default "."), id, role (dr | satellite | replica), cluster, and optionally namespace, workload, provider, dataCenter, serviceCidr, maintenanceWindow, targets, ledgerReplicas, regionalStorage, seedConnectionString.',
      'Outputs: changedPaths (relative to the workspace), plan (Markdown with unified diffs and the FoundationDB stages: use it as the pull request body), regionEntityPath (the region\'s catalog-info.yaml relative to the workspace; give catalog:register catalogInfoPath "/" + regionEntityPath), tailscaleKeys (the auth keys to create, one per workload and region).',
      'Dry run computes and outputs the plan and writes nothing. An invalid request fails with each problem naming the field and the fix, and nothing is written; hand-edited generated files are reported, never overwritten.',
    ].join(' '),
    examples,
    supportsDryRun: true,
    schema: {
      input: addRegionInputs,
      output: {
        ...regionChangeOutputs,
        regionEntityPath: z =>
          z
            .string()
            .describe(
              "The new region's catalog-info.yaml (its Resource entity), relative to the workspace.",
            ),
        tailscaleKeys: z =>
          z
            .array(
              z.object({
                region: z.string(),
                cluster: z.string(),
                namespace: z.string(),
                role: z.string(),
                secretName: z.string(),
                tags: z.array(z.string()),
                ephemeral: z.boolean(),
              }),
            )
            .describe(
              "The Tailscale auth keys the change calls for, one per workload and region (the new region's, and existing regions' that join the tailnet now): give each to inferadb:tailscale:create-auth-key (a step with each:).",
            ),
      },
    },
    async handler(ctx) {
      await refusalsAsMessages(async () => {
        // A template passes an unfilled optional field as an empty string: treat it as unset.
        const input = Object.fromEntries(
          Object.entries(ctx.input).filter(([, v]) => v !== '' && v !== null),
        ) as typeof ctx.input;
        const { path = '.', seedConnectionString, ...region } = input;
        checkCluster(options.config, region.cluster);
        const dir = fleetDirectory(ctx.workspacePath, path);
        const result = await addRegion(
          dir,
          { region, seedConnectionString },
          { dryRun: ctx.isDryRun },
        );
        logPlan(
          ctx,
          result,
          `${result.plan.title}: ${result.changedPaths.length} file(s)`,
        );
        const rel = (p: string) => workspaceRelative(ctx.workspacePath, dir, p);
        ctx.output('changedPaths', result.changedPaths.map(rel));
        ctx.output('plan', result.plan.markdown);
        ctx.output('regionEntityPath', rel(result.regionEntityPath!));
        ctx.output('tailscaleKeys', result.tailscaleKeys);
      });
    },
  });
}
