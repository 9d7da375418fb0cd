import { Fleet, FleetRegion } from '@inferadb-regions/plugin-inferadb-common';

/** Labels every generated Kubernetes object carries. */
export function commonLabels(fleet: Fleet, region: FleetRegion) {
  return {
    'app.kubernetes.io/part-of': 'inferadb',
    'app.kubernetes.io/managed-by': 'inferadb-regions',
    'inferadb.io/fleet': fleet.metadata.name,
    'inferadb.io/region': region.id,
  };
}
