import {
  SourceResult,
  StorageKind,
} from '@inferadb-regions/plugin-inferadb-common';
import type {
  KubernetesClientFactory,
  MeshDevice,
  TailscaleHealthReader,
} from '@inferadb-regions/plugin-inferadb-node';
import { FleetConfig, HealthMetrics, RegionConfig } from '../config/types';
import { allAnswered } from './allAnswered';
import {
  componentOf,
  foundationDbHealthOf,
  serviceHealthOf,
  workloadsOf,
} from './kubernetesObjects';
import { containerRestartsOf, RestartWindow } from './restartWindow';
import { collectPrometheus, queryCount } from './prometheus';
import { runSource, skippedSource } from './runSource';
import { collectTailscale, sharedDeviceList } from './tailscale';
import { RegionObservations } from './types';
import { UpstreamGate } from './upstreamGate';

/** What a collection needs besides the region's configuration. */
export interface CollectorDeps {
  kubernetes: KubernetesClientFactory;
  /** Absent when `inferadb.tailscale` is not configured. */
  tailscale?: TailscaleHealthReader;
  /** The tailnet's devices, shared by the regions of one collection. */
  tailscaleDevices?: () => Promise<MeshDevice[]>;
  metrics: Record<StorageKind, HealthMetrics>;
  /** Remembers restart counts between collections. */
  restarts: RestartWindow;
  /** Bounds the upstream requests in flight. */
  gate: UpstreamGate;
  sourceTimeoutMs: number;
  fetch?: typeof fetch;
  now?: () => number;
}

/** What the region's checks read: every measurement but lag for the primary. */
function measurementsOf(
  region: RegionConfig,
  metrics: HealthMetrics,
): HealthMetrics {
  return region.role === 'primary'
    ? { ...metrics, replicationLagSeconds: { aliases: [] } }
    : metrics;
}

/**
 * Collects one region: every source in parallel, each under its own timeout once the gate
 * lets its requests out, so a slow or broken source costs at most the timeout and shows up
 * as a failed source.
 */
export async function collectRegion(
  fleet: FleetConfig,
  region: RegionConfig,
  deps: CollectorDeps,
): Promise<RegionObservations> {
  const now = deps.now ?? Date.now;
  const startedAt = now();
  const started = performance.now();
  const timeout = deps.sourceTimeoutMs;
  const ns = region.namespace;
  const observations: RegionObservations = {
    sources: [],
    services: {},
    startedAt,
    durationMs: 0,
  };
  const client = (signal: AbortSignal) =>
    Promise.race([
      deps.kubernetes(region.cluster),
      new Promise<never>((_, reject) =>
        signal.addEventListener('abort', () => reject(signal.reason), {
          once: true,
        }),
      ),
    ]);

  const apiServer = <T>(requests: number, run: () => Promise<T>) =>
    deps.gate.run('kubernetes', region.cluster, requests, run);

  const kubernetes = apiServer(3, () =>
    runSource('kubernetes', timeout, async signal => {
      const c = await client(signal);
      const [pods, statefulSets, deployments] = await allAnswered([
        c.listPods(ns, signal),
        c.listStatefulSets(ns, signal),
        c.listDeployments(ns, signal),
      ]);
      return { pods, statefulSets, deployments };
    }),
  );
  const fdb =
    fleet.storage === 'foundationdb'
      ? apiServer(1, () =>
          runSource('foundationdb', timeout, async signal =>
            (await client(signal)).listFoundationDbClusters(ns, signal),
          ),
        )
      : undefined;
  const healthz = (service: 'engine' | 'control', ref: string) =>
    apiServer(1, () =>
      runSource(`${service}-healthz`, timeout, async signal =>
        serviceHealthOf(
          service,
          await (await client(signal)).proxyGet(ns, ref, 'healthz', signal),
        ),
      ),
    );
  const engine = healthz('engine', region.engineService);
  const control = healthz('control', region.controlService);
  const metrics = measurementsOf(region, deps.metrics[fleet.storage]);
  const prometheus = region.prometheus
    ? deps.gate.run(
        'prometheus',
        region.prometheus.url,
        queryCount(metrics),
        () =>
          runSource('prometheus', timeout, signal =>
            collectPrometheus(region.prometheus!, metrics, signal, deps.fetch),
          ),
      )
    : undefined;
  const tailscale =
    deps.tailscale && (region.tailscaleTags.length || region.tailscaleKeyId)
      ? runSource('tailscale', timeout, () =>
          collectTailscale(
            deps.tailscale!,
            deps.tailscaleDevices ?? sharedDeviceList(deps.tailscale!),
            region.tailscaleTags,
            region.tailscaleKeyId,
            now(),
          ),
        )
      : undefined;

  // Each source settles (runSource never rejects) and releases its own slots.
  const [k, f, e, c, p, t] = await Promise.all([
    kubernetes,
    fdb,
    engine,
    control,
    prometheus,
    tailscale,
  ]);
  const sources: SourceResult[] = [k.result];
  const fdbClusters = f?.value ?? [];
  if (k.value) {
    observations.kubernetes = {
      workloads: workloadsOf(
        k.value.pods,
        k.value.statefulSets,
        k.value.deployments,
        fdbClusters,
        deps.restarts.restartsWithin(
          `${fleet.name}/${region.id}`,
          containerRestartsOf(k.value.pods, componentOf),
          startedAt,
        ),
      ),
    };
  }
  if (f) {
    sources.push(f.result);
    if (f.value) {
      observations.foundationdb = foundationDbHealthOf(
        f.value,
        region.foundationDbCluster,
        region.dataCenter,
      );
      if (!observations.foundationdb) {
        f.result.ok = false;
        f.result.error = region.foundationDbCluster
          ? `FoundationDBCluster '${region.foundationDbCluster}' not found in namespace ${ns}`
          : `no FoundationDBCluster in namespace ${ns}`;
      }
    }
  }
  sources.push(e.result, c.result);
  if (e.value) observations.services.engine = e.value;
  if (c.value) observations.services.control = c.value;
  sources.push(p ? p.result : skippedSource('prometheus'));
  if (p?.value) observations.prometheus = p.value;
  sources.push(t ? t.result : skippedSource('tailscale'));
  if (t?.value) observations.tailscale = t.value;
  observations.sources = sources;
  for (const read of [k, f, e, c, p, t]) {
    if (read?.logDetail) {
      observations.failures ??= {};
      observations.failures[read.result.source] = read.logDetail;
    }
  }
  observations.durationMs = Math.round(performance.now() - started);
  return observations;
}
