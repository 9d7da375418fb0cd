/**
 * Shared setup of the health benchmarks: N emulated regions (in a child process) whose
 * Kubernetes API servers answer every request after a fixed latency, and a real Backstage
 * backend (the InferaDB plugin through startTestBackend) collecting them.
 */
import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import inferadbPlugin from '@inferadb-regions/plugin-inferadb-backend';
import { ChildProcess, fork } from 'node:child_process';
import { Server } from 'node:http';
import { join } from 'node:path';

export const AUTH = mockCredentials.user.header();

export interface HealthBench {
  server: Server;
  baseUrl: string;
  regionIds: string[];
  clusters: Array<{ id: string; url: string; token: string }>;
  /** Child processes the emulated API servers run in. */
  upstreamProcesses: number;
  /** Requests the emulated API servers have received so far. */
  upstreamCalls(): Promise<number>;
  /** Requests, connections and CPU time of the emulated API servers so far. */
  upstreamCounts(): Promise<UpstreamCounts>;
  /** [arrival, answer] of the API servers' requests answered since the last call. */
  upstreamIntervals(): Promise<Array<[number, number]>>;
  /** Makes a region's API server stop answering. */
  hang(regionId: string): Promise<void>;
  /** With `everySource`: the federated Prometheus's peak requests in flight. */
  prometheusPeak?: {
    read(): Promise<number>;
    reset(): Promise<void>;
  };
  stop(): Promise<void>;
}

/** A stand-in for systems on machines of their own, in a child process; talks over IPC. */
function forkStandIn(file: string, env: Record<string, string>) {
  const child: ChildProcess = fork(join(__dirname, file), [], {
    execArgv: [
      '--require',
      require.resolve('@backstage/cli/config/nodeTransform.cjs'),
    ],
    env: { ...process.env, ...env },
  });
  // The transform's loader also talks over IPC (file-watch notices): skip those.
  const next = () =>
    new Promise<any>((resolve, reject) => {
      const onMessage = (msg: any) => {
        if (msg?.type === 'watch') return;
        child.off('message', onMessage);
        child.off('exit', onExit);
        resolve(msg);
      };
      const onExit = (code: number | null) =>
        reject(new Error(`${file} exited with ${code}`));
      child.on('message', onMessage);
      child.once('exit', onExit);
    });
  /** Sends a message and waits for the answer. */
  const ask = (message: any) => {
    const answer = next();
    child.send(message);
    return answer;
  };
  return { child, next, ask };
}

const startUpstream = (first: number, regions: number, latencyMs: number) =>
  forkStandIn('health-upstream.ts', {
    BENCH_FIRST_REGION: String(first),
    BENCH_REGIONS: String(regions),
    BENCH_LATENCY_MS: String(latencyMs),
  });

/** What the emulated regions have done so far, summed over their processes. */
export interface UpstreamCounts {
  /** Requests received. */
  count: number;
  /** TCP connections accepted. */
  connections: number;
  /** CPU time the emulator processes have used. */
  cpuMs: number;
}

/** The regions split over `processes` children, as evenly as they go. */
async function startUpstreams(
  regions: number,
  processes: number,
  latencyMs: number,
) {
  const count = Math.max(1, Math.min(processes, regions));
  const upstreams = Array.from({ length: count }, (_, p) => {
    const first = Math.floor((p * regions) / count);
    const last = Math.floor(((p + 1) * regions) / count);
    return startUpstream(first + 1, last - first, latencyMs);
  });
  const clusters: Array<{ id: string; url: string; token: string }> = [];
  for (const upstream of upstreams) {
    const ready = await upstream.next();
    if (!ready?.clusters)
      throw new Error(`upstream said ${JSON.stringify(ready)}`);
    clusters.push(...ready.clusters);
  }
  const counts = async () => {
    const answers: UpstreamCounts[] = await Promise.all(
      upstreams.map(u => u.ask('count')),
    );
    return answers.reduce((a, b) => ({
      count: a.count + b.count,
      connections: a.connections + b.connections,
      cpuMs: a.cpuMs + b.cpuMs,
    }));
  };
  const intervals = async () => {
    const answers: Array<{ intervals: Array<[number, number]> }> =
      await Promise.all(upstreams.map(u => u.ask('intervals')));
    return answers.flatMap(a => a.intervals);
  };
  const hang = async (regionId: string) => {
    await Promise.all(upstreams.map(u => u.ask({ hang: regionId })));
  };
  const stop = () => upstreams.forEach(u => u.child.send('stop'));
  return { clusters, counts, intervals, hang, stop, processes: count };
}

/** The federated Prometheus and the Tailscale API, in a process of their own. */
async function startSources(regionIds: string[], latencyMs: number) {
  const sources = forkStandIn('health-sources.ts', {
    BENCH_LATENCY_MS: String(latencyMs),
    BENCH_REGION_IDS: JSON.stringify(regionIds),
  });
  const ready = await sources.next();
  if (!ready?.prometheus)
    throw new Error(`sources said ${JSON.stringify(ready)}`);
  return {
    ...sources,
    prometheus: { url: ready.prometheus as string },
    tailscale: ready.tailscale as { url: string; apiKey: string },
  };
}

/** The most intervals that overlap at any instant. */
export function peakOverlap(intervals: Array<[number, number]>): number {
  const edges = intervals.flatMap(([a, b]) => [
    [a, 1],
    [b, -1],
  ]);
  // At equal times, ends before starts: a request answered as another arrives is not both.
  edges.sort((x, y) => x[0] - y[0] || x[1] - y[1]);
  let now = 0;
  let peak = 0;
  for (const [, step] of edges) {
    now += step;
    peak = Math.max(peak, now);
  }
  return peak;
}

export async function startHealthBench(options: {
  regions: number;
  latencyMs: number;
  /** When set, the real scheduler collects on this interval; else only on startup. */
  refreshIntervalMs?: number;
  /** Child processes the emulated regions are spread over (default 4). */
  upstreamProcesses?: number;
  /**
   * Give every region Prometheus (one federated, as in production) and the Tailscale API,
   * both answering after the same latency.
   */
  everySource?: boolean;
  /** `inferadb.health` settings beside the bench's own. */
  health?: object;
}): Promise<HealthBench> {
  const upstream = await startUpstreams(
    options.regions,
    options.upstreamProcesses ?? 4,
    options.latencyMs,
  );
  const { clusters, counts, processes } = upstream;
  const sources = options.everySource
    ? await startSources(
        clusters.map(c => c.id),
        options.latencyMs,
      )
    : undefined;
  const backend = await startTestBackend({
    features: [
      inferadbPlugin,
      ...(options.refreshIntervalMs ? [schedulerServiceFactory] : []),
      mockServices.rootConfig.factory({
        data: {
          backend: { baseUrl: 'http://localhost:7007' },
          inferadb: {
            ...(sources
              ? {
                  tailscale: {
                    baseUrl: sources.tailscale.url,
                    tailnet: '-',
                    apiKey: sources.tailscale.apiKey,
                  },
                }
              : {}),
            clusters: clusters.map(c => ({
              name: `k8s-${c.id}`,
              url: c.url,
              skipTLSVerify: true,
              serviceAccountToken: c.token,
            })),
            fleets: [
              {
                name: 'bench',
                storage: 'foundationdb',
                regions: clusters.map(c => ({
                  id: c.id,
                  role: 'replica',
                  cluster: `k8s-${c.id}`,
                  ...(sources
                    ? {
                        prometheus: {
                          url: sources.prometheus.url,
                          regionLabel: 'region',
                        },
                        tailscaleTags: [`tag:inferadb-${c.id}`],
                      }
                    : {}),
                })),
              },
            ],
            health: {
              sourceTimeout: { seconds: 5 },
              refreshInterval: {
                milliseconds: options.refreshIntervalMs ?? 600_000,
              },
              ...options.health,
            },
          },
        },
      }),
    ],
  });
  const address = backend.server.address() as { port: number };
  return {
    server: backend.server,
    baseUrl: `http://127.0.0.1:${address.port}`,
    regionIds: clusters.map(c => c.id),
    clusters,
    upstreamProcesses: processes,
    upstreamCalls: async () => (await counts()).count,
    upstreamCounts: counts,
    upstreamIntervals: upstream.intervals,
    hang: upstream.hang,
    prometheusPeak: sources && {
      read: async () => (await sources.ask('peak')).peakInFlight,
      reset: async () => {
        await sources.ask('resetPeak');
      },
    },
    stop: async () => {
      await backend.stop();
      upstream.stop();
      sources?.child.send('stop');
    },
  };
}

/** `POST /fleets/bench/refresh` as a user, timed: the fleet (or region) collected now. */
export async function timedRefresh(
  bench: { baseUrl: string },
  body: object = {},
) {
  const started = performance.now();
  const res = await fetch(
    `${bench.baseUrl}/api/inferadb/fleets/bench/refresh`,
    {
      method: 'POST',
      headers: { authorization: AUTH, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    },
  );
  if (res.status !== 200)
    throw new Error(`refresh answered ${res.status}: ${await res.text()}`);
  const fleet: any = await res.json();
  return { ms: performance.now() - started, fleet };
}

export function percentile(sorted: number[], p: number) {
  if (!sorted.length) return NaN;
  const i = Math.min(
    sorted.length - 1,
    Math.ceil((p / 100) * sorted.length) - 1,
  );
  return sorted[Math.max(0, i)];
}

export const round = (v: number, d = 1) => Math.round(v * 10 ** d) / 10 ** d;
