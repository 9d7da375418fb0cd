import type * as k8s from '@kubernetes/client-node';
import {
  FdbCoordinators,
  FdbRegionConfig,
  FoundationDbHealth,
  ServiceHealth,
  WorkloadHealth,
} from '@inferadb-regions/plugin-inferadb-common';
import { failureOfStatus, SourceError } from './sourceError';

type Component = WorkloadHealth['component'];

const FDB_CLUSTER_LABEL = 'foundationdb.org/fdb-cluster-name';

/**
 * Which part of InferaDB an object belongs to: the Helm charts' component label first,
 * then the FDB operator's cluster label, then the name.
 */
export function componentOf(meta?: k8s.V1ObjectMeta): Component | undefined {
  const labels = meta?.labels ?? {};
  const c = labels['app.kubernetes.io/component'];
  if (c === 'engine' || c === 'control') return c;
  if (c === 'storage' || c === 'ledger' || c === 'foundationdb')
    return 'storage';
  if (labels[FDB_CLUSTER_LABEL]) return 'storage';
  const name = labels['app.kubernetes.io/name'] ?? meta?.name ?? '';
  if (/engine/.test(name)) return 'engine';
  if (/control/.test(name)) return 'control';
  if (/ledger|fdb|foundationdb/.test(name)) return 'storage';
  return undefined;
}

const isSidecar = (c: { name: string; image?: string }) =>
  c.name === 'tailscale' || /tailscale/.test(c.image ?? '');

interface PodTally {
  ready: number;
  total: number;
  sidecarReady: number;
  sidecarTotal: number;
}

function tallyPods(pods: k8s.V1Pod[]): Map<Component, PodTally> {
  const tallies = new Map<Component, PodTally>();
  for (const pod of pods) {
    const component = componentOf(pod.metadata);
    if (!component) continue;
    const t = tallies.get(component) ?? {
      ready: 0,
      total: 0,
      sidecarReady: 0,
      sidecarTotal: 0,
    };
    t.total += 1;
    const statuses = pod.status?.containerStatuses ?? [];
    const podReady = pod.status?.conditions?.some(
      c => c.type === 'Ready' && c.status === 'True',
    );
    if (podReady) t.ready += 1;
    const sidecar =
      pod.spec?.containers?.find(isSidecar) ??
      pod.spec?.initContainers?.find(isSidecar);
    if (sidecar) {
      t.sidecarTotal += 1;
      const status = [
        ...statuses,
        ...(pod.status?.initContainerStatuses ?? []),
      ].find(s => s.name === sidecar.name);
      if (status?.ready) t.sidecarReady += 1;
    }
    tallies.set(component, t);
  }
  return tallies;
}

/**
 * Workloads of the region with their pods' sidecar readiness and the restarts within the
 * recent window (per component, see `RestartWindow`).
 */
export function workloadsOf(
  pods: k8s.V1Pod[],
  statefulSets: k8s.V1StatefulSet[],
  deployments: k8s.V1Deployment[],
  fdbClusters: any[],
  recentRestarts: Map<Component, number>,
): WorkloadHealth[] {
  const tallies = tallyPods(pods);
  const workloads: WorkloadHealth[] = [];
  const add = (
    component: Component,
    kind: string,
    name: string,
    desired: number,
    ready: number,
  ) => {
    const t = tallies.get(component);
    // Pod tallies are per component: the first workload of a component carries them.
    const first = !workloads.some(w => w.component === component);
    workloads.push({
      component,
      kind,
      name,
      desired,
      ready,
      restarts: first ? recentRestarts.get(component) ?? 0 : 0,
      ...(first && t && t.sidecarTotal > 0
        ? { sidecarReady: t.sidecarReady, sidecarTotal: t.sidecarTotal }
        : {}),
    });
  };
  for (const s of statefulSets) {
    const c = componentOf(s.metadata);
    if (c)
      add(
        c,
        'StatefulSet',
        s.metadata?.name ?? '',
        s.spec?.replicas ?? 1,
        s.status?.readyReplicas ?? 0,
      );
  }
  for (const d of deployments) {
    const c = componentOf(d.metadata);
    if (c)
      add(
        c,
        'Deployment',
        d.metadata?.name ?? '',
        d.spec?.replicas ?? 1,
        d.status?.readyReplicas ?? 0,
      );
  }
  // The FDB operator runs storage pods directly, without a StatefulSet.
  for (const cluster of fdbClusters) {
    const name = cluster?.metadata?.name ?? '';
    const own = pods.filter(
      p => p.metadata?.labels?.[FDB_CLUSTER_LABEL] === name,
    );
    const ready = own.filter(p =>
      p.status?.conditions?.some(
        c => c.type === 'Ready' && c.status === 'True',
      ),
    ).length;
    const desired =
      typeof cluster?.status?.desiredProcessGroups === 'number'
        ? cluster.status.desiredProcessGroups
        : own.length;
    add('storage', 'FoundationDBCluster', name, desired, ready);
  }
  return workloads;
}

function num(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

function bool(v: unknown): boolean | undefined {
  return typeof v === 'boolean' ? v : undefined;
}

/** The `regions` of a `databaseConfiguration`: main data center, its priority, satellites. */
export function fdbRegionsOf(databaseConfiguration: any): FdbRegionConfig[] {
  const regions = databaseConfiguration?.regions;
  if (!Array.isArray(regions)) return [];
  const result: FdbRegionConfig[] = [];
  for (const region of regions) {
    const dcs: any[] = Array.isArray(region?.datacenters)
      ? region.datacenters
      : [];
    const main = dcs.find(dc => !dc?.satellite);
    if (!main || typeof main.id !== 'string') continue;
    result.push({
      dataCenter: main.id,
      priority: num(main.priority) ?? 0,
      satellites: dcs
        .filter(dc => dc?.satellite && typeof dc.id === 'string')
        .map(dc => dc.id),
    });
  }
  return result;
}

/** The status of the region's FoundationDBCluster (by name, else the first one). */
export function foundationDbHealthOf(
  clusters: any[],
  wantedName: string | undefined,
  dataCenter: string,
): FoundationDbHealth | undefined {
  const cluster = wantedName
    ? clusters.find(c => c?.metadata?.name === wantedName)
    : clusters.find(c => c?.spec?.dataCenter === dataCenter) ?? clusters[0];
  if (!cluster) return undefined;
  const status = cluster.status ?? {};
  // The operator copies the applied configuration into status; spec is the fallback.
  const dbConfig =
    status.databaseConfiguration ?? cluster.spec?.databaseConfiguration ?? {};
  const regions = fdbRegionsOf(dbConfig);
  const dc: string | undefined = cluster.spec?.dataCenter ?? undefined;
  const own = regions.find(r => r.dataCenter === (dc ?? dataCenter));
  const generation = num(cluster.metadata?.generation);
  const reconciled = num(status.generations?.reconciled);
  const connection: string | undefined = status.connectionString;
  return {
    clusterName: cluster.metadata?.name ?? '',
    available: bool(status.health?.available),
    healthy: bool(status.health?.healthy),
    fullReplication: bool(status.health?.fullReplication),
    dataMovementPriority: num(status.health?.dataMovementPriority),
    reconciled:
      generation !== undefined
        ? reconciled !== undefined && reconciled === generation
        : undefined,
    usableRegions: num(dbConfig.usable_regions),
    redundancyMode:
      typeof dbConfig.redundancy_mode === 'string'
        ? dbConfig.redundancy_mode
        : undefined,
    regions,
    dataCenter: dc,
    priority: own?.priority,
    coordinators: coordinatorsOf(connection, status.processGroups, dbConfig),
  };
}

// Process group conditions that mean the process is not running (fdb-kubernetes-operator,
// api/v1beta2 ProcessGroupConditionType).
const DOWN_CONDITIONS = new Set([
  'MissingProcesses',
  'MissingPod',
  'PodFailing',
  'PodPending',
]);

/**
 * How many coordinators FDB recruits: 9 with more than one usable region or
 * `three_data_hall`, else 1, 3 or 5 for single, double or triple redundancy (the
 * operator's `DesiredCoordinatorCount`, docs/manual/fault_domains.md).
 */
export function desiredCoordinatorCount(dbConfig: any): number | undefined {
  const mode = dbConfig?.redundancy_mode ?? 'double';
  if ((num(dbConfig?.usable_regions) ?? 1) > 1 || mode === 'three_data_hall')
    return 9;
  return { single: 1, double: 3, triple: 5 }[mode as string];
}

function coordinatorsOf(
  connection: string | undefined,
  processGroups: unknown,
  dbConfig: any,
): FdbCoordinators | undefined {
  const hosts = connection
    ?.split('@')[1]
    ?.split(',')
    .filter(Boolean)
    .map(a =>
      a
        .trim()
        .replace(/:\d+(:tls)?$/, '')
        .replace(/^\[|\]$/g, ''),
    );
  if (!hosts) return undefined;
  let here = 0;
  let unreachableHere = 0;
  const groups: any[] = Array.isArray(processGroups) ? processGroups : [];
  for (const host of hosts) {
    const group = groups.find(
      g => Array.isArray(g?.addresses) && g.addresses.includes(host),
    );
    if (!group) continue;
    here += 1;
    const conditions: any[] = group.processGroupConditions ?? [];
    if (conditions.some(c => DOWN_CONDITIONS.has(c?.type)))
      unreachableHere += 1;
  }
  return {
    total: hosts.length,
    desired: desiredCoordinatorCount(dbConfig),
    here,
    unreachableHere,
  };
}

const SERVICE_STATUSES = ['healthy', 'degraded', 'unhealthy'] as const;

/**
 * Parses Engine's or Control's `/healthz` JSON. A 503 with a JSON body is an unhealthy
 * service, not a failed read; anything that is not the documented shape is an error.
 */
export function serviceHealthOf(
  service: 'engine' | 'control',
  answer: { status: number; body: string },
): ServiceHealth {
  let json: any;
  try {
    json = JSON.parse(answer.body);
  } catch {
    throw new SourceError(
      `/healthz answered HTTP ${answer.status} with a body that is not JSON`,
      answer.status >= 400 ? failureOfStatus(answer.status) : 'bad-answer',
    );
  }
  if (
    !json ||
    typeof json !== 'object' ||
    !SERVICE_STATUSES.includes(json.status)
  ) {
    throw new SourceError(
      `/healthz answered HTTP ${answer.status} without a status of healthy, degraded or unhealthy`,
      'bad-answer',
    );
  }
  const details: ServiceHealth['details'] = {};
  if (json.details && typeof json.details === 'object') {
    for (const [k, v] of Object.entries<any>(json.details)) {
      if (v && typeof v.status === 'string') {
        details[k] = {
          status: v.status,
          ...(typeof v.message === 'string' ? { message: v.message } : {}),
        };
      }
    }
  }
  for (const k of ['storage_healthy', 'ledger_healthy']) {
    if (typeof json[k] === 'boolean' && !details.storage) {
      details.storage = { status: json[k] ? 'healthy' : 'unhealthy' };
    }
  }
  return {
    service,
    status: json.status,
    version: typeof json.version === 'string' ? json.version : undefined,
    uptimeSeconds: num(json.uptime_seconds),
    ...(Object.keys(details).length ? { details } : {}),
  };
}
