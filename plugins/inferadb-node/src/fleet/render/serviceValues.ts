import { Fleet, FleetRegion } from '@inferadb-regions/plugin-inferadb-common';
import { PORTS } from '../layout';
import { MeshRole, meshKey, regionMesh } from '../mesh';
import {
  dataCenterId,
  fdbClusterName,
  hasLedgerCluster,
  primaryRegion,
  serviceReplicas,
} from '../topology';
import { LEDGER_NAME, ledgerDeviceName } from './ledger';
import { nativeDialOutSidecar } from './tailscaleSidecar';

/**
 * Release names the values are written for: Engine and Control find each other by them.
 *
 * @public
 */
export const ENGINE_RELEASE = 'inferadb-engine';
/** @public */
export const CONTROL_RELEASE = 'inferadb-control';

/**
 * ConfigMap with the cluster file of a region that has no FDB data center of its own (a
 * replica), and the name the FoundationDB-era Control chart mounts at /etc/foundationdb.
 */
export const CLUSTER_FILE_CONFIGMAP = 'foundationdb-cluster-file';
/** File name of the cluster file in every mount. */
const CLUSTER_FILE = 'fdb.cluster';
/** Where Engine and Control find the operator's cluster file in a data-center region. */
const OPERATOR_CLUSTER_FILE_DIR = '/etc/foundationdb-operator';

/** The FDB operator's ConfigMap of a region's data center (key `cluster-file`). */
function operatorConfigMap(fleet: Fleet, region: FleetRegion): string {
  return `${fdbClusterName(fleet, dataCenterId(region))}-config`;
}

/**
 * Where a data-center region's Engine and Control read the cluster file: the operator's
 * own ConfigMap, which the operator rewrites when coordinators change and the kubelet
 * refreshes in the pods. A replica reads CLUSTER_FILE_CONFIGMAP, rendered from the fleet.
 * Returns the chart's `config` and the `extraVolumes`/`extraVolumeMounts` that bring the
 * file in.
 */
function clusterFileValues(fleet: Fleet, region: FleetRegion) {
  const ownDataCenter = region.role !== 'replica';
  const name = 'fdb-cluster-file-source';
  const mountPath = ownDataCenter
    ? OPERATOR_CLUSTER_FILE_DIR
    : '/etc/foundationdb';
  return {
    config: {
      storage: 'foundationdb',
      foundationdb: { clusterFile: `${mountPath}/${CLUSTER_FILE}` },
    },
    volumes: {
      extraVolumes: [
        {
          name,
          configMap: ownDataCenter
            ? {
                name: operatorConfigMap(fleet, region),
                items: [{ key: 'cluster-file', path: CLUSTER_FILE }],
              }
            : { name: CLUSTER_FILE_CONFIGMAP },
        },
      ],
      extraVolumeMounts: [{ name, mountPath, readOnly: true }],
    },
  };
}

/**
 * Ledger endpoint of a region's Engine and Control: the region's own client Service, or
 * for a replica without one, the primary's first Ledger pod by its tailnet name (the
 * charts take one endpoint).
 */
function ledgerEndpoint(fleet: Fleet, region: FleetRegion): string {
  if (hasLedgerCluster(fleet, region)) {
    return `http://${LEDGER_NAME}.${region.namespace}.svc.cluster.local:${PORTS.ledgerGrpc}`;
  }
  const primary = primaryRegion(fleet);
  const device = ledgerDeviceName(`${LEDGER_NAME}-0`, primary.id);
  const suffix = fleet.spec.tailscale.dnsSuffix;
  return `http://${suffix ? `${device}.${suffix}` : device}:${
    PORTS.ledgerGrpc
  }`;
}

/** Replica count and the autoscaler's floor (the charts autoscale by default). */
function replicas(count: number) {
  return { replicaCount: count, autoscaling: { minReplicas: count } };
}

/** The tailnet sidecar, as the charts' `initContainers` take it, where the role needs one. */
function meshSidecar(fleet: Fleet, region: FleetRegion, role: MeshRole) {
  return regionMesh(fleet, region)[role]
    ? {
        initContainers: [
          nativeDialOutSidecar(fleet, meshKey(fleet, region, role)),
        ],
      }
    : {};
}

/**
 * Helm values of the Engine chart for one region: the FoundationDB-era chart
 * (`config.storage: foundationdb`, `config.foundationdb.clusterFile`) for FDB fleets, the
 * newest (`config.storage: ledger`, `config.ledger.endpoint`) for Ledger fleets. Probes
 * and ports are the chart's own. Discovery stays `kubernetes`: it finds the region's
 * Control; the chart's `discovery.tailscale` runs no sidecar, so the mesh comes from
 * `initContainers`.
 */
export function engineValues(fleet: Fleet, region: FleetRegion) {
  const discovery = {
    mode: 'kubernetes',
    control: { serviceName: CONTROL_RELEASE, namespace: region.namespace },
  };
  const count = serviceReplicas(region).engine;
  if (fleet.spec.storage.type === 'foundationdb') {
    const clusterFile = clusterFileValues(fleet, region);
    return {
      ...replicas(count),
      config: clusterFile.config,
      discovery,
      ...meshSidecar(fleet, region, 'engine'),
      ...clusterFile.volumes,
    };
  }
  return {
    ...replicas(count),
    config: {
      storage: 'ledger',
      ledger: { endpoint: ledgerEndpoint(fleet, region) },
    },
    discovery,
    ...meshSidecar(fleet, region, 'engine'),
  };
}

/**
 * Helm values of the Control chart for one region, the same era as Engine's. The
 * FoundationDB-era chart always mounts ConfigMap `foundationdb-cluster-file` at
 * /etc/foundationdb; a data-center region points `config.foundationdb.clusterFile` at the
 * operator's ConfigMap mounted beside it instead.
 */
export function controlValues(fleet: Fleet, region: FleetRegion) {
  const discovery = {
    mode: 'kubernetes',
    engine: {
      serviceName: ENGINE_RELEASE,
      namespace: region.namespace,
      labelSelector: `app.kubernetes.io/name=${ENGINE_RELEASE}`,
    },
  };
  const count = serviceReplicas(region).control;
  if (fleet.spec.storage.type === 'foundationdb') {
    const clusterFile = clusterFileValues(fleet, region);
    return {
      ...replicas(count),
      config: clusterFile.config,
      discovery,
      ...meshSidecar(fleet, region, 'control'),
      // A replica's file is the ConfigMap the chart itself mounts at /etc/foundationdb.
      ...(region.role !== 'replica' ? clusterFile.volumes : {}),
    };
  }
  return {
    ...replicas(count),
    config: {
      storage: 'ledger',
      ledgerEndpoint: ledgerEndpoint(fleet, region),
    },
    discovery,
    ...meshSidecar(fleet, region, 'control'),
  };
}

/**
 * The ConfigMap `foundationdb-cluster-file` of a region: in a replica, the cluster file
 * (the fleet's recorded connection string; FDB clients follow coordinator changes while
 * connected, and coordinators on Service IPs survive pod restarts); in a data-center
 * region, empty, only so the Control chart's fixed volume can mount.
 */
export function clusterFileConfigMap(
  fleet: Fleet,
  region: FleetRegion,
  labels: Record<string, string>,
) {
  const storage = fleet.spec.storage;
  const connectionString =
    storage.type === 'foundationdb' ? storage.seedConnectionString : undefined;
  const replica = region.role === 'replica';
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: {
      name: CLUSTER_FILE_CONFIGMAP,
      namespace: region.namespace,
      labels,
      annotations: {
        'inferadb.io/cluster-file-source': replica
          ? 'fleet.yaml spec.storage.seedConnectionString'
          : `ConfigMap ${operatorConfigMap(
              fleet,
              region,
            )} (written by the FDB operator)`,
      },
    },
    data:
      replica && connectionString
        ? { [CLUSTER_FILE]: `${connectionString}\n` }
        : {},
  };
}
