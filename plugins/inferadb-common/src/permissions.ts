import { createPermission } from '@backstage/plugin-permission-common';

/**
 * Lets a user read fleet and region health snapshots and their history.
 *
 * @public
 */
export const inferadbFleetHealthReadPermission = createPermission({
  name: 'inferadb.fleet.health.read',
  attributes: { action: 'read' },
});

/**
 * Lets a user force an immediate collection, which calls every region's upstream APIs;
 * kept separate from reading so that viewers cannot multiply upstream load.
 *
 * @public
 */
export const inferadbFleetHealthRefreshPermission = createPermission({
  name: 'inferadb.fleet.health.refresh',
  attributes: { action: 'update' },
});

/**
 * Lets a user list the names of the Kubernetes clusters in `inferadb.clusters`, which the
 * new-region form offers; never their URLs or credentials.
 *
 * @public
 */
export const inferadbClusterListPermission = createPermission({
  name: 'inferadb.cluster.list',
  attributes: { action: 'read' },
});

/**
 * Every permission of the InferaDB plugins.
 *
 * @public
 */
export const inferadbPermissions = [
  inferadbFleetHealthReadPermission,
  inferadbFleetHealthRefreshPermission,
  inferadbClusterListPermission,
];
