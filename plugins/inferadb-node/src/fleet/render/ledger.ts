import { Fleet, FleetRegion } from '@internal/plugin-inferadb-common';
import { PORTS } from '../layout';
import { fleetTags, ledgerReplicas } from '../topology';
import { commonLabels } from './labels';
import { tailscaleSidecar } from './tailscaleSidecar';

/** Name of a region's Ledger StatefulSet and client Service. */
export const LEDGER_NAME = 'inferadb-ledger';
/** Name of the headless Service that gives Ledger pods stable DNS for Raft discovery. */
export const LEDGER_HEADLESS_NAME = 'inferadb-ledger-headless';

const selector = { 'app.kubernetes.io/name': LEDGER_NAME };

/** Tailscale device name of a Ledger pod: pod names repeat in every region, so add the region. */
export function ledgerDeviceName(podName: string, regionId: string): string {
  return `${podName}-${regionId}`;
}

/**
 * Probes use a TCP check on the gRPC port: Ledger serves `ledger.v1.HealthService`, not
 * `grpc.health.v1`, so Kubernetes' built-in gRPC probe would always fail.
 */
function tcpProbe(periodSeconds: number, failureThreshold: number) {
  return {
    tcpSocket: { port: 'grpc' },
    periodSeconds,
    failureThreshold,
  };
}

/** The region's Ledger Raft cluster: one StatefulSet, bootstrapping from its headless Service. */
export function ledgerStatefulSet(fleet: Fleet, region: FleetRegion) {
  if (fleet.spec.storage.type !== 'ledger') {
    throw new Error('ledgerStatefulSet needs a ledger fleet');
  }
  const replicas = ledgerReplicas(region);
  const tags = fleetTags(fleet);
  return {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: {
      name: LEDGER_NAME,
      namespace: region.namespace,
      labels: { ...commonLabels(fleet, region), ...selector },
    },
    spec: {
      serviceName: LEDGER_HEADLESS_NAME,
      replicas,
      // All members start together so the Raft bootstrap sees the expected count.
      podManagementPolicy: 'Parallel',
      selector: { matchLabels: selector },
      template: {
        metadata: {
          labels: { ...commonLabels(fleet, region), ...selector },
          annotations: {
            'prometheus.io/scrape': 'true',
            'prometheus.io/port': String(PORTS.ledgerMetrics),
            'prometheus.io/path': '/metrics',
          },
        },
        spec: {
          securityContext: {
            runAsNonRoot: true,
            runAsUser: 65532,
            runAsGroup: 65532,
            fsGroup: 65532,
          },
          containers: [
            {
              name: 'ledger',
              image: fleet.spec.storage.image,
              ports: [
                {
                  name: 'grpc',
                  containerPort: PORTS.ledgerGrpc,
                  protocol: 'TCP',
                },
                {
                  name: 'metrics',
                  containerPort: PORTS.ledgerMetrics,
                  protocol: 'TCP',
                },
              ],
              env: [
                {
                  name: 'INFERADB__LEDGER__LISTEN_ADDR',
                  value: `0.0.0.0:${PORTS.ledgerGrpc}`,
                },
                {
                  name: 'INFERADB__LEDGER__METRICS_ADDR',
                  value: `0.0.0.0:${PORTS.ledgerMetrics}`,
                },
                {
                  name: 'INFERADB__LEDGER__DATA_DIR',
                  value: '/var/lib/ledger',
                },
                {
                  name: 'INFERADB__LEDGER__DISCOVERY_DOMAIN',
                  value: `${LEDGER_HEADLESS_NAME}.${region.namespace}.svc.cluster.local`,
                },
                {
                  name: 'INFERADB__LEDGER__BOOTSTRAP_EXPECT',
                  value: String(replicas),
                },
              ],
              volumeMounts: [{ name: 'data', mountPath: '/var/lib/ledger' }],
              startupProbe: tcpProbe(5, 24),
              livenessProbe: tcpProbe(10, 3),
              readinessProbe: tcpProbe(5, 2),
              securityContext: {
                allowPrivilegeEscalation: false,
                readOnlyRootFilesystem: true,
              },
            },
            tailscaleSidecar(
              fleet,
              [tags.storage, tags.region(region.id)],
              ledgerDeviceName('$(POD_NAME)', region.id),
            ),
          ],
        },
      },
      volumeClaimTemplates: [
        {
          metadata: { name: 'data' },
          spec: {
            accessModes: ['ReadWriteOnce'],
            resources: { requests: { storage: fleet.spec.storage.volumeSize } },
          },
        },
      ],
    },
  };
}

/** The headless Service (Raft peer discovery) and the client Service (Engine, Control). */
export function ledgerServices(fleet: Fleet, region: FleetRegion) {
  const labels = { ...commonLabels(fleet, region), ...selector };
  return [
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: {
        name: LEDGER_HEADLESS_NAME,
        namespace: region.namespace,
        labels,
      },
      spec: {
        clusterIP: 'None',
        // Peers must resolve each other before they are ready, or the bootstrap stalls.
        publishNotReadyAddresses: true,
        selector,
        ports: [{ name: 'grpc', port: PORTS.ledgerGrpc, targetPort: 'grpc' }],
      },
    },
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: LEDGER_NAME, namespace: region.namespace, labels },
      spec: {
        type: 'ClusterIP',
        selector,
        ports: [
          { name: 'grpc', port: PORTS.ledgerGrpc, targetPort: 'grpc' },
          { name: 'metrics', port: PORTS.ledgerMetrics, targetPort: 'metrics' },
        ],
      },
    },
  ];
}
