import { posix } from 'path';

/**
 * The fleet file, relative to the fleet directory.
 *
 * @public
 */
export const FLEET_FILE = 'fleet.yaml';

/**
 * The fleet's System entity (register it once; it finds the fleet file beside it).
 *
 * @public
 */
export const FLEET_ENTITY_FILE = 'catalog-info.yaml';

/**
 * Records the hash of every generated file, so hand edits are noticed, not overwritten.
 *
 * @public
 */
export const GENERATED_MANIFEST_FILE = '.inferadb-generated.yaml';

/**
 * The fleet's Tailscale policy fragment (HuJSON, as the Tailscale policy file is).
 *
 * @public
 */
export const TAILSCALE_POLICY_FILE = 'tailscale/policy.hujson';

/** Whole plans of changes too large for a pull request's description. */
export const PLANS_FOLDER = 'plans';

/** Folder holding one region's files. */
export function regionFolder(regionId: string): string {
  return posix.join('regions', regionId);
}

/**
 * Paths of one region's files.
 *
 * @public
 */
export function regionFiles(regionId: string) {
  const dir = regionFolder(regionId);
  return {
    catalogInfo: posix.join(dir, 'catalog-info.yaml'),
    foundationdbCluster: posix.join(dir, 'foundationdb-cluster.yaml'),
    ledgerStatefulSet: posix.join(dir, 'ledger-statefulset.yaml'),
    ledgerServices: posix.join(dir, 'ledger-services.yaml'),
    ledgerInitJob: posix.join(dir, 'ledger-init-job.yaml'),
    ledgerTailscaleRbac: posix.join(dir, 'ledger-tailscale-rbac.yaml'),
    clusterFileConfigMap: posix.join(dir, 'foundationdb-cluster-file.yaml'),
    tailscaleRouter: posix.join(dir, 'tailscale-router.yaml'),
    engineValues: posix.join(dir, 'engine-values.yaml'),
    controlValues: posix.join(dir, 'control-values.yaml'),
  };
}

/**
 * Ports InferaDB components serve (DOMAIN facts).
 *
 * @public
 */
export const PORTS = {
  engineHttp: 8080,
  engineGrpc: 8081,
  controlHttp: 9090,
  controlGrpc: 9091,
  fdb: [4500, 4501] as const,
  ledgerGrpc: 50051,
  ledgerMetrics: 9090,
} as const;
