import { Fleet } from '@inferadb-regions/plugin-inferadb-common';
import {
  DR_PRIORITY,
  FdbDataCenter,
  PRIMARY_PRIORITY,
  fdbDataCenters,
  mainProcessCounts,
  mainRegions,
  satelliteProcessCounts,
  dataCenterId,
} from '../topology';
import { meshKey, regionMesh } from '../mesh';
import { commonLabels } from './labels';
import { dialOutSidecar } from './tailscaleSidecar';

/**
 * The `databaseConfiguration` every data center's FoundationDBCluster shares. At most two
 * regions (FDB's limit): the primary's with the highest priority, the DR's with 0. Every
 * satellite data center serves both regions, so a failover keeps its satellite logs.
 * `usable_regions: 2` whenever a DR region exists, or data would live in one region only.
 *
 * @public
 */
export function databaseConfiguration(fleet: Fleet) {
  const storage = fleet.spec.storage;
  if (storage.type !== 'foundationdb') {
    throw new Error('databaseConfiguration needs a foundationdb fleet');
  }
  const satellites = fleet.spec.regions.filter(r => r.role === 'satellite');
  const satelliteEntries = satellites.map((region, index) => ({
    id: dataCenterId(region),
    satellite: 1,
    // Higher is preferred: the first listed satellite takes the logs first.
    priority: satellites.length - index,
  }));
  const regions = mainRegions(fleet).map(region => ({
    datacenters: [
      {
        id: dataCenterId(region),
        priority: region.role === 'primary' ? PRIMARY_PRIORITY : DR_PRIORITY,
      },
      ...satelliteEntries,
    ],
    ...(satellites.length > 0
      ? {
          satellite_logs: storage.satelliteLogs,
          satellite_redundancy_mode: storage.satelliteRedundancyMode,
        }
      : {}),
  }));
  return {
    redundancy_mode: storage.redundancyMode,
    storage_engine: storage.storageEngine,
    usable_regions: regions.length > 1 ? 2 : 1,
    regions,
  };
}

/**
 * One FoundationDBCluster for one data center.
 *
 * @public
 */
export function foundationDbCluster(fleet: Fleet, dataCenter: FdbDataCenter) {
  const storage = fleet.spec.storage;
  if (storage.type !== 'foundationdb') {
    throw new Error('foundationDbCluster needs a foundationdb fleet');
  }
  const [first] = fdbDataCenters(fleet);
  const joinsExisting = first.id !== dataCenter.id;
  const processCounts =
    dataCenter.kind === 'main'
      ? mainProcessCounts(fleet, dataCenter.region)
      : satelliteProcessCounts(fleet, dataCenter.region);
  const joinsMesh = regionMesh(fleet, dataCenter.region).storage;
  return {
    apiVersion: 'apps.foundationdb.org/v1beta2',
    kind: 'FoundationDBCluster',
    metadata: {
      name: dataCenter.clusterName,
      namespace: dataCenter.region.namespace,
      labels: commonLabels(fleet, dataCenter.region),
    },
    spec: {
      version: storage.version,
      dataCenter: dataCenter.id,
      // Unique per data center so process group ids never collide across clusters.
      processGroupIDPrefix: dataCenter.id,
      ...(joinsExisting && storage.seedConnectionString
        ? { seedConnectionString: storage.seedConnectionString }
        : {}),
      faultDomain: { key: 'kubernetes.io/hostname' },
      // Each process advertises its own Service's IP, which survives pod restarts and
      // which the region's subnet router makes reachable from the other data centers; a
      // pod IP is neither (operator manual, customization.md, "Service IPs").
      routing: { publicIPSource: 'service' },
      processCounts,
      databaseConfiguration: databaseConfiguration(fleet),
      ...(joinsMesh
        ? {
            processes: {
              general: {
                podTemplate: {
                  spec: {
                    containers: [
                      dialOutSidecar(
                        fleet,
                        meshKey(fleet, dataCenter.region, 'storage'),
                      ),
                    ],
                  },
                },
              },
            },
          }
        : {}),
    },
  };
}
