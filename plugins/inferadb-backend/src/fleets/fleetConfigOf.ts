import { Fleet } from '@inferadb-regions/plugin-inferadb-common';
import {
  CONTROL_RELEASE,
  ENGINE_RELEASE,
  PORTS,
  dataCenterId,
  fleetTags,
  regionMesh,
} from '@inferadb-regions/plugin-inferadb-node';
import { FleetConfig, PrometheusSettings } from '../config/types';

/**
 * The health backend's view of a fleet read from its fleet file. Every fact comes from the
 * file or from what the generator renders from it (Service names, data center ids,
 * Tailscale tags); only where Prometheus lives comes from app-config, since it differs per
 * environment.
 */
export function fleetConfigOf(
  fleet: Fleet,
  prometheus: PrometheusSettings | undefined,
): FleetConfig {
  const tags = fleetTags(fleet);
  return {
    name: fleet.metadata.name,
    storage: fleet.spec.storage.type,
    regions: fleet.spec.regions.map(region => ({
      id: region.id,
      role: region.role,
      cluster: region.cluster,
      namespace: region.namespace,
      // The collector finds the FoundationDBCluster whose spec.dataCenter this is.
      dataCenter: dataCenterId(region),
      engineService: `${ENGINE_RELEASE}:${PORTS.engineHttp}`,
      controlService: `${CONTROL_RELEASE}:${PORTS.controlHttp}`,
      prometheus: prometheus && {
        url: prometheus.url,
        selector: prometheus.regionLabel
          ? `${prometheus.regionLabel}=${JSON.stringify(region.id)}`
          : '',
      },
      // Only a region whose workloads join the tailnet has devices to look for.
      tailscaleTags: Object.values(regionMesh(fleet, region)).some(Boolean)
        ? [tags.region(region.id)]
        : [],
      targets: region.targets ?? {},
      maintenanceWindow: region.maintenanceWindow,
    })),
  };
}
