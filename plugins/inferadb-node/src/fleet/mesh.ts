import { Fleet, FleetRegion } from '@inferadb-regions/plugin-inferadb-common';
import { fdbDataCenters, fleetTags, hasLedgerCluster } from './topology';

/**
 * A workload of a region that joins the tailnet with a key of its own.
 *
 * @public
 */
export type MeshRole = 'engine' | 'control' | 'storage' | 'router';

/**
 * The Tailscale auth key one workload of a region needs, and the Secret it lives in.
 *
 * @public
 */
export interface MeshKey {
  role: MeshRole;
  /** Secret (in the region's namespace) the workload's sidecar reads, key `authkey`. */
  secretName: string;
  /** The tags every device joining with the key gets: its role's and its region's. */
  tags: string[];
  /**
   * Ephemeral keys for pods whose names change or that nobody dials (Deployments, FDB
   * pods): their devices vanish when they go offline, so restarts leave no stale peers.
   * Non-ephemeral keys, with state kept in a per-pod Secret, for the devices others dial
   * by name (subnet routers, Ledger pods).
   */
  ephemeral: boolean;
}

/**
 * Key of the Secret entry holding an auth key.
 *
 * @public
 */
export const MESH_SECRET_KEY = 'authkey';

/**
 * Secret holding the auth key of one role of a region.
 *
 * @public
 */
export function meshSecretName(role: MeshRole): string {
  return `tailscale-auth-${role}`;
}

/**
 * Which of a region's workloads join the tailnet. FDB spans clusters as soon as the fleet
 * has two regions: every FDB pod, Engine and Control then dials other clusters' Service
 * IPs, and every data center runs a subnet router that advertises its own Service CIDR.
 * A Ledger fleet runs one Raft cluster per region: only a region without one (a replica
 * with `regionalStorage: false`) reaches across, to the primary's Ledger pods.
 *
 * @public
 */
export function regionMesh(
  fleet: Fleet,
  region: FleetRegion,
): Record<MeshRole, boolean> {
  if (fleet.spec.storage.type === 'foundationdb') {
    const spans = fleet.spec.regions.length > 1;
    const dataCenter = fdbDataCenters(fleet).some(
      dc => dc.region.id === region.id,
    );
    return {
      engine: spans,
      control: spans,
      storage: spans && dataCenter,
      router: spans && dataCenter,
    };
  }
  const remote = !hasLedgerCluster(fleet, region);
  const servesRemote =
    region.role === 'primary' &&
    fleet.spec.regions.some(r => !hasLedgerCluster(fleet, r));
  return {
    engine: remote,
    control: remote,
    storage: servesRemote,
    router: false,
  };
}

/**
 * The keys a region's workloads need: one per role that joins the tailnet.
 *
 * @public
 */
export function meshKeys(fleet: Fleet, region: FleetRegion): MeshKey[] {
  const tags = fleetTags(fleet);
  const mesh = regionMesh(fleet, region);
  const ledgerFleet = fleet.spec.storage.type === 'ledger';
  const roles: Array<{ role: MeshRole; tag: string; ephemeral: boolean }> = [
    { role: 'engine', tag: tags.engine, ephemeral: true },
    { role: 'control', tag: tags.control, ephemeral: true },
    // Ledger pods are dialled by device name; FDB pods only dial out.
    { role: 'storage', tag: tags.storage, ephemeral: !ledgerFleet },
    { role: 'router', tag: tags.router, ephemeral: false },
  ];
  return roles
    .filter(({ role }) => mesh[role])
    .map(({ role, tag, ephemeral }) => ({
      role,
      secretName: meshSecretName(role),
      tags: [tag, tags.region(region.id)],
      ephemeral,
    }));
}

/** The key of one role of a region; throws if that role does not join the tailnet. */
export function meshKey(
  fleet: Fleet,
  region: FleetRegion,
  role: MeshRole,
): MeshKey {
  const key = meshKeys(fleet, region).find(k => k.role === role);
  if (!key) {
    throw new Error(`${role} of region ${region.id} does not join the tailnet`);
  }
  return key;
}

/**
 * A key to create: which region's cluster and namespace its Secret goes to.
 *
 * @public
 */
export interface RegionMeshKey extends MeshKey {
  region: string;
  cluster: string;
  namespace: string;
}

/**
 * The keys a change to the fleet calls for: every key of `after` that `before` did not
 * need. Adding a second FDB region, for example, brings the primary's workloads onto
 * the tailnet too.
 *
 * @public
 */
export function newMeshKeys(
  before: Fleet | undefined,
  after: Fleet,
): RegionMeshKey[] {
  const had = new Set(
    before?.spec.regions.flatMap(region =>
      meshKeys(before, region).map(key => `${region.id}/${key.role}`),
    ) ?? [],
  );
  return after.spec.regions.flatMap(region =>
    meshKeys(after, region)
      .filter(key => !had.has(`${region.id}/${key.role}`))
      .map(key => ({
        ...key,
        region: region.id,
        cluster: region.cluster,
        namespace: region.namespace,
      })),
  );
}
