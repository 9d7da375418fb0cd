import { Fleet, FleetRegion } from '@inferadb-regions/plugin-inferadb-common';
import { PORTS } from '../layout';
import { meshKey, regionMesh } from '../mesh';
import { ledgerReplicas } from '../topology';
import { commonLabels } from './labels';
import { statefulSidecar, tailscaleStateRbac } from './tailscaleSidecar';

/** Name of a region's Ledger StatefulSet and client Service. */
export const LEDGER_NAME = 'inferadb-ledger';
/** Name of the headless Service that gives Ledger pods stable DNS for Raft discovery. */
export const LEDGER_HEADLESS_NAME = 'inferadb-ledger-headless';

const selector = { 'app.kubernetes.io/name': LEDGER_NAME };
const LEDGER_DATA_DIR = '/var/lib/ledger';

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

function headlessDomain(region: FleetRegion): string {
  return `${LEDGER_HEADLESS_NAME}.${region.namespace}.svc.cluster.local`;
}

/** The address of one Ledger pod inside its cluster (stable DNS of the headless Service). */
function podAddress(region: FleetRegion, podName: string): string {
  return `${podName}.${headlessDomain(region)}:${PORTS.ledgerGrpc}`;
}

/**
 * The region's Ledger Raft cluster: one StatefulSet. Every setting is one that Ledger's
 * configuration reference names: LISTEN, METRICS, DATA, JOIN (the headless Service's
 * DNS name, as its Kubernetes example does) and ADVERTISE (the pod's stable DNS name).
 * Nodes start and wait; the init Job (`ledgerInitJob`) initializes the cluster once.
 */
export function ledgerStatefulSet(fleet: Fleet, region: FleetRegion) {
  if (fleet.spec.storage.type !== 'ledger') {
    throw new Error('ledgerStatefulSet needs a ledger fleet');
  }
  const replicas = ledgerReplicas(region);
  const joinsMesh = regionMesh(fleet, region).storage;
  const labels = { ...commonLabels(fleet, region), ...selector };
  return {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: { name: LEDGER_NAME, namespace: region.namespace, labels },
    spec: {
      serviceName: LEDGER_HEADLESS_NAME,
      replicas,
      podManagementPolicy: 'Parallel',
      selector: { matchLabels: selector },
      template: {
        metadata: {
          labels,
          annotations: {
            'prometheus.io/scrape': 'true',
            'prometheus.io/port': String(PORTS.ledgerMetrics),
            'prometheus.io/path': '/metrics',
          },
        },
        spec: {
          ...(joinsMesh ? { serviceAccountName: LEDGER_NAME } : {}),
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
                  name: 'POD_NAME',
                  valueFrom: { fieldRef: { fieldPath: 'metadata.name' } },
                },
                {
                  name: 'INFERADB__LEDGER__LISTEN',
                  value: `0.0.0.0:${PORTS.ledgerGrpc}`,
                },
                {
                  name: 'INFERADB__LEDGER__METRICS',
                  value: `0.0.0.0:${PORTS.ledgerMetrics}`,
                },
                { name: 'INFERADB__LEDGER__DATA', value: LEDGER_DATA_DIR },
                {
                  name: 'INFERADB__LEDGER__JOIN',
                  value: headlessDomain(region),
                },
                {
                  name: 'INFERADB__LEDGER__ADVERTISE',
                  value: podAddress(region, '$(POD_NAME)'),
                },
              ],
              volumeMounts: [{ name: 'data', mountPath: LEDGER_DATA_DIR }],
              startupProbe: tcpProbe(5, 24),
              livenessProbe: tcpProbe(10, 3),
              readinessProbe: tcpProbe(5, 2),
              securityContext: {
                allowPrivilegeEscalation: false,
                readOnlyRootFilesystem: true,
                capabilities: { drop: ['ALL'] },
              },
            },
            ...(joinsMesh
              ? [
                  statefulSidecar(
                    fleet,
                    meshKey(fleet, region, 'storage'),
                    ledgerDeviceName('$(POD_NAME)', region.id),
                  ),
                ]
              : []),
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

/**
 * Ledger's bootstrap is start + init: once every node runs, `inferadb-ledger init --host`
 * against one of them forms the cluster (its configuration reference, "Cluster
 * Bootstrap"). A Job does it once; it retries while the nodes are still starting.
 */
export function ledgerInitJob(fleet: Fleet, region: FleetRegion) {
  if (fleet.spec.storage.type !== 'ledger') {
    throw new Error('ledgerInitJob needs a ledger fleet');
  }
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: {
      name: `${LEDGER_NAME}-init`,
      namespace: region.namespace,
      labels: commonLabels(fleet, region),
    },
    spec: {
      backoffLimit: 10,
      template: {
        spec: {
          restartPolicy: 'OnFailure',
          securityContext: {
            runAsNonRoot: true,
            runAsUser: 65532,
            runAsGroup: 65532,
          },
          containers: [
            {
              name: 'init',
              image: fleet.spec.storage.image,
              args: ['init', '--host', podAddress(region, `${LEDGER_NAME}-0`)],
              securityContext: {
                allowPrivilegeEscalation: false,
                readOnlyRootFilesystem: true,
                capabilities: { drop: ['ALL'] },
              },
            },
          ],
        },
      },
    },
  };
}

/** RBAC for the Ledger pods' Tailscale state, when they join the tailnet. */
export function ledgerTailscaleRbac(fleet: Fleet, region: FleetRegion) {
  const podNames = Array.from(
    { length: ledgerReplicas(region) },
    (_, i) => `${LEDGER_NAME}-${i}`,
  );
  return tailscaleStateRbac(LEDGER_NAME, region.namespace, podNames, {
    ...commonLabels(fleet, region),
    ...selector,
  });
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
