import { Fleet, FleetRegion } from '@internal/plugin-inferadb-common';
import { PORTS, TAILSCALE_SECRET } from '../layout';
import {
  dataCenterId,
  fdbClusterName,
  fleetTags,
  hasLedgerCluster,
  ledgerReplicas,
  primaryRegion,
  serviceReplicas,
} from '../topology';
import { LEDGER_NAME, ledgerDeviceName } from './ledger';

/** Tailscale device name of a region's Engine pods; peers dial it on Engine's gRPC port. */
export function engineDeviceName(regionId: string): string {
  return `inferadb-engine-${regionId}`;
}

function meshHost(fleet: Fleet, device: string): string {
  const suffix = fleet.spec.tailscale.dnsSuffix;
  return suffix ? `${device}.${suffix}` : device;
}

/**
 * Where a region's Engine and Control find storage. FDB: the cluster file the operator
 * writes into ConfigMap `<cluster>-config` (key `cluster-file`) of the region's own data
 * center, or of the primary's for a replica (which has none and needs a copy of it).
 * Ledger: the region's own client Service, or the primary's Ledger pods across the mesh.
 */
export function storageEndpoint(fleet: Fleet, region: FleetRegion) {
  if (fleet.spec.storage.type === 'foundationdb') {
    const ownDataCenter = region.role !== 'replica';
    const source = ownDataCenter ? region : primaryRegion(fleet);
    const configMap = `${fdbClusterName(fleet, dataCenterId(source))}-config`;
    return {
      store: {
        backend: 'foundationdb',
        connectionString: '/etc/foundationdb/fdb.cluster',
      },
      extraVolumes: [
        {
          name: 'fdb-cluster-file',
          configMap: {
            name: configMap,
            items: [{ key: 'cluster-file', path: 'fdb.cluster' }],
          },
        },
      ],
      extraVolumeMounts: [
        {
          name: 'fdb-cluster-file',
          mountPath: '/etc/foundationdb',
          readOnly: true,
        },
      ],
    };
  }
  if (hasLedgerCluster(fleet, region)) {
    return {
      store: {
        backend: 'ledger',
        endpoints: [
          `${LEDGER_NAME}.${region.namespace}.svc.cluster.local:${PORTS.ledgerGrpc}`,
        ],
      },
    };
  }
  const primary = primaryRegion(fleet);
  return {
    store: {
      backend: 'ledger',
      endpoints: Array.from(
        { length: ledgerReplicas(primary) },
        (_, i) =>
          `${meshHost(
            fleet,
            ledgerDeviceName(`${LEDGER_NAME}-${i}`, primary.id),
          )}:${PORTS.ledgerGrpc}`,
      ),
    },
  };
}

/** `discovery.tailscale` of the Engine and Control charts: every other region by name. */
function tailscaleDiscovery(fleet: Fleet, region: FleetRegion, tag: string) {
  const tags = fleetTags(fleet);
  const [repository, imageTag] = fleet.spec.tailscale.image.split(':');
  return {
    mode: 'tailscale',
    tailscale: {
      enabled: true,
      localCluster: region.id,
      remoteClusters: fleet.spec.regions
        .filter(peer => peer.id !== region.id)
        .map(peer => ({
          name: peer.id,
          ...(fleet.spec.tailscale.dnsSuffix
            ? { tailscaleDomain: fleet.spec.tailscale.dnsSuffix }
            : {}),
          serviceName: engineDeviceName(peer.id),
          port: PORTS.engineGrpc,
        })),
      authKey: {
        existingSecret: TAILSCALE_SECRET.name,
        key: TAILSCALE_SECRET.key,
      },
      image: { repository, tag: imageTag ?? 'stable' },
      extraArgs: `--advertise-tags=${tag},${tags.region(region.id)}`,
      acceptDNS: true,
    },
  };
}

function probes(port: number) {
  return {
    startup: { path: '/startupz', port },
    liveness: { path: '/livez', port },
    readiness: { path: '/readyz', port },
  };
}

/** Helm values of the Engine chart for one region. */
export function engineValues(fleet: Fleet, region: FleetRegion) {
  const storage = storageEndpoint(fleet, region);
  const tags = fleetTags(fleet);
  const discovery = tailscaleDiscovery(fleet, region, tags.engine);
  discovery.tailscale.extraArgs += ` --hostname=${engineDeviceName(region.id)}`;
  return {
    replicaCount: serviceReplicas(region).engine,
    service: { port: PORTS.engineHttp, grpcPort: PORTS.engineGrpc },
    healthCheck: probes(PORTS.engineHttp),
    config: { store: storage.store },
    discovery,
    ...('extraVolumes' in storage
      ? {
          extraVolumes: storage.extraVolumes,
          extraVolumeMounts: storage.extraVolumeMounts,
        }
      : {}),
  };
}

/** Helm values of the Control chart for one region. */
export function controlValues(fleet: Fleet, region: FleetRegion) {
  const storage = storageEndpoint(fleet, region);
  const tags = fleetTags(fleet);
  return {
    replicaCount: serviceReplicas(region).control,
    service: { port: PORTS.controlHttp, grpcPort: PORTS.controlGrpc },
    healthCheck: probes(PORTS.controlHttp),
    podAnnotations: {
      'prometheus.io/scrape': 'true',
      'prometheus.io/port': String(PORTS.controlHttp),
      'prometheus.io/path': '/metrics',
    },
    config: { store: storage.store },
    discovery: tailscaleDiscovery(fleet, region, tags.control),
    ...('extraVolumes' in storage
      ? {
          extraVolumes: storage.extraVolumes,
          extraVolumeMounts: storage.extraVolumeMounts,
        }
      : {}),
  };
}
