/* eslint-disable no-nested-ternary -- demo states map to values as ladders */
import { DEMO_NAMESPACE, DemoRegion, DemoRegionState } from './regions';

const FDB_VERSION = '7.3.69';
const ENGINE_IMAGE = 'ghcr.io/inferadb/inferadb-engine:0.9.2';
const CONTROL_IMAGE = 'ghcr.io/inferadb/inferadb-control:0.9.2';
const TAILSCALE_IMAGE = 'ghcr.io/tailscale/tailscale:v1.90.6';

/** One pod's readiness as the demo wants it. */
interface PodState {
  ready: boolean;
  sidecarReady: boolean;
  restarts: number;
  /** When the first container last restarted (ISO 8601). */
  lastRestartAt?: string;
}

function pod(
  name: string,
  labels: Record<string, string>,
  containers: Array<{ name: string; image: string; port?: number }>,
  state: PodState,
  startedAt: string,
) {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: DEMO_NAMESPACE, labels },
    spec: {
      containers: containers.map(c => ({
        name: c.name,
        image: c.image,
        ...(c.port ? { ports: [{ containerPort: c.port }] } : {}),
      })),
    },
    status: {
      phase: 'Running',
      startTime: startedAt,
      conditions: [
        { type: 'Initialized', status: 'True' },
        { type: 'Ready', status: state.ready ? 'True' : 'False' },
        { type: 'ContainersReady', status: state.ready ? 'True' : 'False' },
        { type: 'PodScheduled', status: 'True' },
      ],
      containerStatuses: containers.map((c, i) => {
        const sidecar = c.name === 'tailscale';
        const ready = sidecar ? state.sidecarReady : state.ready;
        return {
          name: c.name,
          image: c.image,
          ready,
          started: true,
          restartCount: i === 0 ? state.restarts : 0,
          ...(i === 0 && state.lastRestartAt
            ? {
                lastState: {
                  terminated: {
                    exitCode: 137,
                    reason: 'Error',
                    finishedAt: state.lastRestartAt,
                  },
                },
              }
            : {}),
          state: ready
            ? { running: { startedAt } }
            : {
                waiting: {
                  reason: sidecar ? 'CrashLoopBackOff' : 'ContainerCreating',
                },
              },
        };
      }),
    },
  };
}

function statefulSet(
  name: string,
  component: string,
  replicas: number,
  ready: number,
) {
  const labels = {
    'app.kubernetes.io/name': name,
    'app.kubernetes.io/component': component,
    'app.kubernetes.io/part-of': 'inferadb',
  };
  return {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: { name, namespace: DEMO_NAMESPACE, labels },
    spec: {
      replicas,
      serviceName: name,
      selector: { matchLabels: { 'app.kubernetes.io/name': name } },
      template: { metadata: { labels }, spec: { containers: [] } },
    },
    status: {
      replicas,
      readyReplicas: ready,
      currentReplicas: replicas,
      updatedReplicas: replicas,
      availableReplicas: ready,
      observedGeneration: 1,
    },
  };
}

/** The FDB `databaseConfiguration` the demo's multi-region cluster shares. */
export function demoDatabaseConfiguration(mistake: boolean) {
  return {
    redundancy_mode: 'double',
    storage_engine: 'ssd-redwood-1',
    usable_regions: 2,
    regions: [
      // FDB prefers the higher priority: the primary gets 1 and the DR region 0. The
      // seed documents' mistake (primary 1, DR 2) is played by `priority-mistake`.
      { datacenters: [{ id: 'us-west-1', priority: 1 }] },
      { datacenters: [{ id: 'eu-central-1', priority: mistake ? 2 : 0 }] },
    ],
  };
}

/** Every object of a demo region in the given state, as the API server would hold them. */
export function demoRegionObjects(
  region: DemoRegion,
  state: DemoRegionState,
  options: {
    mistake: boolean;
    startedAt: string;
    restarts: number;
    lastRestartAt?: string;
  },
) {
  const down = state === 'down';
  const degraded = state === 'degraded';
  const engineReplicas = 3;
  const engineReady = down ? 0 : degraded ? 2 : 3;
  const objects: object[] = [
    statefulSet('inferadb-engine', 'engine', engineReplicas, engineReady),
    statefulSet('inferadb-control', 'control', 2, down ? 1 : 2),
  ];
  for (let i = 0; i < engineReplicas; i++) {
    objects.push(
      pod(
        `inferadb-engine-${i}`,
        {
          'app.kubernetes.io/name': 'inferadb-engine',
          'app.kubernetes.io/component': 'engine',
          'statefulset.kubernetes.io/pod-name': `inferadb-engine-${i}`,
        },
        [
          { name: 'inferadb-engine', image: ENGINE_IMAGE, port: 8080 },
          { name: 'tailscale', image: TAILSCALE_IMAGE },
        ],
        {
          ready: i < engineReady,
          sidecarReady: !(degraded && i === 2) && !down,
          restarts: i === 0 ? options.restarts : 0,
          lastRestartAt: i === 0 ? options.lastRestartAt : undefined,
        },
        options.startedAt,
      ),
    );
  }
  for (let i = 0; i < 2; i++) {
    objects.push(
      pod(
        `inferadb-control-${i}`,
        {
          'app.kubernetes.io/name': 'inferadb-control',
          'app.kubernetes.io/component': 'control',
        },
        [
          { name: 'inferadb-control', image: CONTROL_IMAGE, port: 9090 },
          { name: 'tailscale', image: TAILSCALE_IMAGE },
        ],
        { ready: !(down && i === 1), sidecarReady: true, restarts: 0 },
        options.startedAt,
      ),
    );
  }

  // FoundationDB: the operator runs process pods directly, one per process group.
  const multiRegion = region.role !== 'replica';
  const clusterName = multiRegion
    ? `${region.fdbCluster}-${region.id}`
    : region.fdbCluster;
  const groups = [
    'storage-1',
    'storage-2',
    'storage-3',
    'log-1',
    'log-2',
    'stateless-1',
  ];
  for (const [i, g] of groups.entries()) {
    objects.push(
      pod(
        `${clusterName}-${g}`,
        {
          'foundationdb.org/fdb-cluster-name': clusterName,
          'foundationdb.org/fdb-process-class': g.replace(/-\d+$/, ''),
          'foundationdb.org/fdb-process-group-id': `${region.id}-${g}`,
        },
        [
          {
            name: 'foundationdb',
            image: `foundationdb/fdb-kubernetes-monitor:${FDB_VERSION}`,
          },
          {
            name: 'foundationdb-kubernetes-sidecar',
            image: `foundationdb/fdb-kubernetes-monitor:${FDB_VERSION}`,
          },
          { name: 'tailscale', image: TAILSCALE_IMAGE },
        ],
        { ready: !(down && i < 2), sidecarReady: true, restarts: 0 },
        options.startedAt,
      ),
    );
  }
  // Process addresses: 10.<n>.0.<11+i>, n by role. FDB recruits 9 coordinators for two
  // usable regions; over two data centers the operator puts 5 in one (the primary's here)
  // and 4 in the other. The replica's own single-region cluster has 3.
  const addressOf = (role: DemoRegion['role'], i: number) =>
    `10.${{ primary: 1, dr: 2, replica: 3 }[role]}.0.${11 + i}`;
  const hosts = multiRegion
    ? [0, 1, 2, 3, 4]
        .map(i => addressOf('primary', i))
        .concat([0, 1, 2, 3].map(i => addressOf('dr', i)))
    : [0, 1, 2].map(i => addressOf('replica', i));
  const coordinators = hosts.map(a => `${a}:4500`).join(',');
  const processGroups = groups.map((g, i) => ({
    processGroupID: `${region.id}-${g}`,
    processClass: g.replace(/-\d+$/, ''),
    addresses: [addressOf(region.role, i)],
    // The same process groups whose pods are not ready when the region is down.
    ...(down && i < 2
      ? {
          processGroupConditions: [
            { type: 'MissingProcesses', timestamp: 1764547200 },
          ],
        }
      : {}),
  }));
  const dbConfig = multiRegion
    ? demoDatabaseConfiguration(options.mistake)
    : {
        redundancy_mode: 'double',
        storage_engine: 'ssd-redwood-1',
        usable_regions: 1,
      };
  objects.push({
    apiVersion: 'apps.foundationdb.org/v1beta2',
    kind: 'FoundationDBCluster',
    metadata: {
      name: clusterName,
      namespace: DEMO_NAMESPACE,
      labels: { 'cluster-group': region.fdbCluster },
    },
    spec: {
      version: FDB_VERSION,
      imageType: 'unified',
      ...(multiRegion
        ? { dataCenter: region.id, processGroupIDPrefix: region.id }
        : {}),
      ...(multiRegion && region.role !== 'primary'
        ? { seedConnectionString: `inferadb_fdb:demo@${coordinators}` }
        : {}),
      processCounts: {
        storage: 3,
        log: 2,
        stateless: 1,
        cluster_controller: 1,
      },
      databaseConfiguration: dbConfig,
      automationOptions: { removalMode: 'Zone' },
    },
    status: {
      configured: true,
      runningVersion: FDB_VERSION,
      connectionString: `inferadb_fdb:demo@${coordinators}`,
      databaseConfiguration: dbConfig,
      desiredProcessGroups: groups.length,
      processGroups,
      reconciledProcessGroups: down ? groups.length - 2 : groups.length,
      // Set from the object's generation by the caller once it is stored.
      generations: { reconciled: 1 },
      health: {
        available: !down,
        healthy: !down && !degraded,
        fullReplication: !down,
        dataMovementPriority: down ? 20 : degraded ? 10 : 0,
      },
    },
  });
  return objects;
}

/** Engine's or Control's `/healthz` answer in the given state. */
export function demoHealthz(
  service: 'engine' | 'control',
  state: DemoRegionState,
  uptimeSeconds: number,
): { status: number; body: object } {
  const down = state === 'down';
  const degraded = state === 'degraded' && service === 'engine';
  const status = down ? 'unhealthy' : degraded ? 'degraded' : 'healthy';
  const version = service === 'engine' ? '0.9.2' : '0.9.2';
  const storage = down
    ? { status: 'unhealthy', message: 'FoundationDB unavailable' }
    : { status: 'healthy' };
  const body =
    service === 'engine'
      ? {
          status,
          service: 'inferadb-engine',
          version,
          uptime_seconds: uptimeSeconds,
          timestamp: new Date().toISOString(),
          details: {
            storage,
            cache: degraded
              ? {
                  status: 'degraded',
                  message: 'cache invalidation log behind by 42 entries',
                }
              : { status: 'healthy' },
            auth: { status: 'healthy' },
          },
        }
      : {
          status,
          service: 'inferadb-control',
          version,
          instance_id: 'control-0',
          uptime_seconds: uptimeSeconds,
          storage_healthy: !down,
        };
  return { status: down ? 503 : 200, body };
}
