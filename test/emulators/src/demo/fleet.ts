/* eslint-disable no-nested-ternary -- demo states map to values as ladders */
import { createServer, IncomingMessage, Server } from 'node:http';
import { KubernetesEmulator, startKubernetesEmulator } from '../kubernetes';
import {
  findPrometheus,
  MetricsExporter,
  PrometheusServer,
  startMetricsExporter,
  startPrometheus,
  writeRegionMetrics,
} from '../prometheus';
import { startTailscaleEmulator, TailscaleEmulator } from '../tailscale';
import { forwardPort, PortForward } from './forward';
import { demoHealthz, demoRegionObjects } from './objects';
import { startQueryApiStandIn } from './queryApi';
import {
  DEMO_FLEET,
  DEMO_NAMESPACE,
  DEMO_REGIONS,
  DEMO_STATES,
  DEMO_TOKEN,
  DemoRegion,
  DemoRegionState,
} from './regions';

/** Ports of the demo; all loopback. 0 picks free ports (tests). */
export interface DemoFleetOptions {
  /**
   * First port: control endpoint at `basePort`, the regions' Kubernetes API servers at
   * `basePort + 1..3`, the metrics exporter at `basePort + 10`, Prometheus at
   * `basePort + 20`, the Tailscale API at `basePort + 31`. Omit for free ports.
   */
  basePort?: number;
  /** The demo tailnet's API key (default: the emulator's random one). */
  tailscaleApiKey?: string;
  /** How often objects and metrics change, in ms (default 5000). */
  tickMs?: number;
  /** Use Debian's Prometheus when installed (default true); else a query-API stand-in. */
  realPrometheus?: boolean;
  log?: (message: string) => void;
}

export interface DemoFleetRegion extends DemoRegion {
  /** The URL app-config.yaml names for the region's API server. */
  url: string;
  state: DemoRegionState;
  emulator: KubernetesEmulator;
}

export interface DemoFleet {
  readonly fleet: string;
  readonly token: string;
  readonly regions: DemoFleetRegion[];
  /** The control endpoint: `GET /`, `POST /regions/{id}/state` `{state}`, `POST /reset`. */
  readonly controlUrl: string;
  /** Prometheus (real, or the stand-in) with series labelled `region`. */
  readonly prometheusUrl: string;
  /**
   * The tailnet's API: each region's Engine, Control and storage devices carry
   * `tag:inferadb-<region>`; a region that is down drops off, a degraded one loses one.
   */
  readonly tailscaleUrl: string;
  readonly tailscale: TailscaleEmulator;
  readonly realPrometheus: boolean;
  setState(region: string, state: DemoRegionState): void;
  stop(): Promise<void>;
}

/** How often the replica region's first container restarts. */
const RESTART_EVERY_MS = 10 * 60_000;

const wave = (t: number, periodS: number, phase = 0) =>
  Math.sin((2 * Math.PI * t) / 1000 / periodS + phase);

/**
 * Starts the demo fleet `inferadb-demo` on loopback: three emulated Kubernetes API servers
 * with the objects a real region has, a metrics exporter scraped by Prometheus, and a
 * small control endpoint that turns a region unhealthy and back.
 */
export async function startDemoFleet(
  options: DemoFleetOptions = {},
): Promise<DemoFleet> {
  const base = options.basePort;
  const at = (offset: number) => (base ? base + offset : 0);
  const log = options.log ?? (() => {});
  const started = Date.now();
  const startedAt = new Date(started).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const closers: Array<() => Promise<void>> = [];
  const stop = async () => {
    for (const c of closers.reverse()) await c().catch(() => {});
  };

  try {
    const regions: DemoFleetRegion[] = [];
    for (const [i, r] of DEMO_REGIONS.entries()) {
      const emulator = await startKubernetesEmulator({ token: DEMO_TOKEN });
      closers.push(() => emulator.close());
      let url = emulator.url;
      if (base) {
        const fwd: PortForward = await forwardPort(
          at(i + 1),
          Number(new URL(emulator.url).port),
        );
        closers.push(() => fwd.close());
        url = `http://127.0.0.1:${fwd.port}`;
      }
      regions.push({ ...r, url, state: 'healthy', emulator });
    }

    const tailscale = await startTailscaleEmulator({
      apiKey: options.tailscaleApiKey,
    });
    closers.push(() => tailscale.close());
    let tailscaleUrl = tailscale.url;
    if (base) {
      const fwd = await forwardPort(
        at(31),
        Number(new URL(tailscale.url).port),
      );
      closers.push(() => fwd.close());
      tailscaleUrl = `http://127.0.0.1:${fwd.port}`;
    }
    const devices = new Map(
      regions.map(region => [
        region.id,
        ['engine-0', 'control-0', 'storage-0'].map(
          name =>
            tailscale.addDevice({
              hostname: `inferadb-${name}-${region.id}`,
              tags: [`tag:inferadb-${region.id}`],
            }).nodeId,
        ),
      ]),
    );
    // Each region's auth key, which the health collector finds by the region's tag.
    for (const region of regions) {
      tailscale.addKey({
        id: region.tailscaleKeyId,
        tags: [`tag:inferadb-${region.id}`],
        expirySeconds: region.keyExpiresInDays * 86400,
        description: `demo key of ${region.id}`,
        reusable: true,
        preauthorized: true,
      });
    }
    const connectMesh = (region: DemoFleetRegion) => {
      const offline =
        region.state === 'down' ? 3 : region.state === 'degraded' ? 1 : 0;
      devices
        .get(region.id)!
        .forEach((nodeId, i) =>
          tailscale.updateDevice(nodeId, { connectedToControl: i >= offline }),
        );
    };

    let restarts = 0;
    let lastRestartAt: string | undefined;
    const mistake = () => regions.some(r => r.state === 'priority-mistake');
    const faults = new Map<string, string>();
    const apply = (region: DemoFleetRegion) => {
      const objects = demoRegionObjects(region, region.state, {
        mistake: mistake(),
        startedAt,
        ...(region.role === 'replica'
          ? { restarts, lastRestartAt }
          : { restarts: 0 }),
      });
      for (const obj of objects) {
        const stored = region.emulator.put(obj) as any;
        if (stored.kind === 'FoundationDBCluster') {
          // The operator has reconciled every generation, except while a region is down.
          const generation = stored.metadata.generation ?? 1;
          stored.status.generations = {
            reconciled: region.state === 'down' ? generation - 1 : generation,
          };
          region.emulator.put(stored);
        }
      }
      connectMesh(region);
      const fault = faults.get(region.id);
      if (region.state === 'unreachable' && !fault) {
        faults.set(region.id, region.emulator.addFault({ hang: true }));
      } else if (region.state !== 'unreachable' && fault) {
        region.emulator.removeFault(fault);
        faults.delete(region.id);
      }
    };
    for (const region of regions) {
      for (const service of ['engine', 'control'] as const) {
        region.emulator.setServiceProxy(
          { namespace: DEMO_NAMESPACE, service: `inferadb-${service}` },
          req => {
            if (req.path !== '/healthz')
              return { status: 404, body: 'not found' };
            const { status, body } = demoHealthz(
              service,
              region.state,
              Math.round((Date.now() - started) / 1000),
            );
            return { status, body };
          },
        );
      }
      apply(region);
    }

    // Metrics: lag and latency drift slowly so the charts move; states push them out.
    const valuesOf = (region: DemoFleetRegion, now: number) => {
      const i = regions.indexOf(region);
      const s = region.state;
      const lagS =
        region.role === 'primary'
          ? 0
          : s === 'down'
          ? 45 + 5 * wave(now, 60)
          : s === 'degraded'
          ? 8 + 2 * wave(now, 40)
          : 1.2 + 0.8 * wave(now, 90, i);
      return {
        ...(region.role === 'primary'
          ? {}
          : { datacenterLagSeconds: Math.round(lagS * 1000) / 1000 }),
        p95LatencyMs:
          (s === 'degraded' ? 70 : s === 'down' ? 400 : 18 + 6 * i) +
          4 * wave(now, 75, i),
        diskUsedBytes: Math.round(
          (0.52 + 0.08 * i + 0.02 * wave(now, 300, i)) * 200e9,
        ),
        diskTotalBytes: 200e9,
      };
    };
    let exporter: MetricsExporter | undefined = await startMetricsExporter({
      port: at(10),
    });
    closers.push(() => exporter!.close());
    let last = Date.now();
    exporter.onScrape(() => {
      const now = Date.now();
      for (const region of regions) {
        writeRegionMetrics(
          exporter!.registry,
          { region: region.id, namespace: DEMO_NAMESPACE },
          valuesOf(region, now),
          (now - last) / 1000,
        );
      }
      last = now;
    });

    let prometheus: PrometheusServer | undefined;
    let prometheusUrl: string;
    if (options.realPrometheus !== false && findPrometheus()) {
      prometheus = await startPrometheus({
        targets: [exporter.target],
        scrapeIntervalSeconds: 2,
        port: at(20),
      });
      closers.push(() => prometheus!.stop());
      // Two scrapes before the first collection, so rate() and p95 have data from the start.
      await prometheus.waitForTargetsUp(30_000, 2);
      prometheusUrl = prometheus.url;
      log(`demo Prometheus (pid ${prometheus.pid}) on ${prometheusUrl}`);
    } else {
      const standIn = await startQueryApiStandIn(
        at(20),
        [
          'fdb_datacenter_lag_seconds',
          'inferadb_api_request_duration_seconds',
          'kubelet_volume_stats_used_bytes',
        ],
        (metric, regionId) => {
          const region = regions.find(r => r.id === regionId);
          if (!region) return undefined;
          const v = valuesOf(region, Date.now());
          if (metric === 'fdb_datacenter_lag_seconds')
            return v.datacenterLagSeconds;
          if (metric === 'inferadb_api_request_duration_seconds')
            return v.p95LatencyMs / 1000;
          return v.diskUsedBytes / v.diskTotalBytes;
        },
      );
      closers.push(() => standIn.close());
      prometheusUrl = standIn.url;
      log(
        `Prometheus not installed: demo query-API stand-in on ${prometheusUrl}`,
      );
    }

    const tick = setInterval(() => {
      // A container restart in the replica region every 10 minutes, so counts move: at
      // most two in the 15-minute window, never the threshold's five, so the demo stays
      // healthy until a fault is set.
      const due = Math.floor((Date.now() - started) / RESTART_EVERY_MS);
      if (due > restarts) {
        restarts = due;
        lastRestartAt = new Date(
          started + due * RESTART_EVERY_MS,
        ).toISOString();
      }
      for (const region of regions) apply(region);
    }, options.tickMs ?? 5000);
    tick.unref();
    closers.push(async () => clearInterval(tick));

    const setState = (id: string, state: DemoRegionState) => {
      const region = regions.find(r => r.id === id);
      if (!region)
        throw new Error(
          `no demo region '${id}'; use one of ${regions
            .map(r => r.id)
            .join(', ')}`,
        );
      if (!DEMO_STATES.includes(state))
        throw new Error(
          `unknown state '${state}'; use one of ${DEMO_STATES.join(', ')}`,
        );
      region.state = state;
      // The priority mistake is fleet-wide: the shared databaseConfiguration changes.
      for (const r of regions) apply(r);
      log(`demo region ${id} is now ${state}`);
    };

    const control: Server = createServer(async (req, res) => {
      const send = (code: number, body: object) => {
        res.writeHead(code, { 'content-type': 'application/json' });
        res.end(`${JSON.stringify(body, null, 2)}\n`);
      };
      const describe = () => ({
        fleet: DEMO_FLEET,
        states: DEMO_STATES,
        regions: regions.map(r => ({
          id: r.id,
          role: r.role,
          cluster: r.cluster,
          url: r.url,
          state: r.state,
        })),
      });
      try {
        const url = new URL(req.url ?? '/', 'http://127.0.0.1');
        const m = /^\/regions\/([^/]+)\/state$/.exec(url.pathname);
        if (req.method === 'GET' && url.pathname === '/')
          return send(200, describe());
        if ((req.method === 'POST' || req.method === 'PUT') && m) {
          const body = await readJson(req);
          const state = (body.state ??
            url.searchParams.get('state')) as DemoRegionState;
          setState(decodeURIComponent(m[1]), state);
          return send(200, describe());
        }
        if (req.method === 'POST' && url.pathname === '/reset') {
          for (const r of regions) r.state = 'healthy';
          for (const r of regions) apply(r);
          return send(200, describe());
        }
        return send(404, {
          error:
            'use GET /, POST /regions/{id}/state {"state": ...} or POST /reset',
        });
      } catch (error) {
        return send(400, { error: (error as Error).message });
      }
    });
    await new Promise<void>((resolve, reject) => {
      control.once('error', reject);
      control.listen(at(0), '127.0.0.1', () => resolve());
    });
    closers.push(
      () =>
        new Promise<void>(resolve => {
          control.closeAllConnections();
          control.close(() => resolve());
        }),
    );
    const controlUrl = `http://127.0.0.1:${
      (control.address() as { port: number }).port
    }`;

    return {
      fleet: DEMO_FLEET,
      token: DEMO_TOKEN,
      regions,
      controlUrl,
      prometheusUrl,
      realPrometheus: !!prometheus,
      tailscaleUrl,
      tailscale,
      setState,
      stop: async () => {
        await stop();
        exporter = undefined;
      },
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

async function readJson(req: IncomingMessage): Promise<any> {
  let text = '';
  for await (const chunk of req) {
    text += chunk;
    if (text.length > 4096) throw new Error('body too large');
  }
  if (!text.trim()) return {};
  try {
    return JSON.parse(text);
  } catch {
    throw new Error('body is not JSON; send {"state": "degraded"}');
  }
}
