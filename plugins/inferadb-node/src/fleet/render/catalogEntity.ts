import {
  FLEET_ANNOTATION,
  FLEET_FILE_ANNOTATION,
  Fleet,
  FleetRegion,
  REGION_ANNOTATION,
  REGION_RESOURCE_TYPE,
  REGION_ROLE_ANNOTATION,
} from '@inferadb-regions/plugin-inferadb-common';

const ROLE_TITLES: Record<FleetRegion['role'], string> = {
  primary: 'Primary region',
  dr: 'Disaster-recovery region',
  satellite: 'Satellite data center',
  replica: 'Read-replica region',
};

/** Catalog entity name of a region. */
export function regionEntityName(fleet: Fleet, region: FleetRegion): string {
  return `${fleet.metadata.name}-${region.id}`;
}

/**
 * The region's `Resource` entity, registered with `catalog:register`.
 *
 * @public
 */
export function regionEntity(fleet: Fleet, region: FleetRegion) {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: {
      name: regionEntityName(fleet, region),
      title: region.id,
      description: `${ROLE_TITLES[region.role]} of fleet ${
        fleet.metadata.name
      } (Kubernetes cluster ${region.cluster}, namespace ${region.namespace}).`,
      annotations: {
        [FLEET_ANNOTATION]: fleet.metadata.name,
        [REGION_ANNOTATION]: region.id,
        [REGION_ROLE_ANNOTATION]: region.role,
      },
      tags: [
        region.role,
        ...(region.provider
          ? [region.provider.toLowerCase().replace(/[^a-z0-9+#-]/g, '-')]
          : []),
      ],
    },
    spec: {
      type: REGION_RESOURCE_TYPE,
      owner: fleet.spec.owner,
      system: fleet.metadata.name,
    },
  };
}

/**
 * The fleet's `System` entity, rendered beside fleet.yaml. Its `inferadb.io/fleet-file`
 * is relative to the entity's own location, so the portal finds the fleet file wherever
 * the repository is registered from.
 *
 * @public
 */
export function fleetEntity(fleet: Fleet) {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'System',
    metadata: {
      name: fleet.metadata.name,
      ...(fleet.metadata.description
        ? { description: fleet.metadata.description }
        : {}),
      annotations: {
        [FLEET_ANNOTATION]: fleet.metadata.name,
        [FLEET_FILE_ANNOTATION]: './fleet.yaml',
      },
    },
    spec: { owner: fleet.spec.owner },
  };
}
