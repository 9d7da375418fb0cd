/**
 * The collector at scale, every source configured as in production (Kubernetes, one
 * federated Prometheus, the Tailscale API), all answering after 200 ms, through the real
 * auth and permission path. Reports, as ratios:
 * - what the first viewer request after start gets;
 * - collection time of 20 regions / 1 region (goal <= 1.2) and of 500 / 1;
 * - with one of 20 regions hung: when the other 19 and the hung one are published;
 * - peak upstream requests in flight for 50 and 500 regions against the bounds;
 * - viewer p50/p99 while 50 regions are collected (goal p99 <= 20 ms).
 * Upstream requests at 200 viewers / 1 viewer: health-viewers.ts.
 *
 *   node --require @backstage/cli/config/nodeTransform.cjs bench/health-scale.ts
 */
import { fork } from 'node:child_process';
import { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import {
  AUTH,
  HealthBench,
  peakOverlap,
  percentile,
  round,
  startHealthBench,
  timedRefresh,
} from './health-setup';

const LATENCY_MS = 200;
const TIMEOUT_MS = 5_000;
const BOUNDS = {
  kubernetes: 128,
  perApiServer: 8,
  prometheus: 64,
  tailscale: 4,
};
const VIEWERS = 50;
/** `BENCH_COLLECT_IN_WORKER=1` collects on a worker thread (`inferadb.health.collectInWorker`). */
const IN_WORKER = process.env.BENCH_COLLECT_IN_WORKER === '1';
/** `BENCH_ONLY=50` (or `20,500`) runs only those parts. */
const ONLY = process.env.BENCH_ONLY?.split(',');
const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));
const median = (xs: number[]) =>
  [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const goals: string[] = [];
const check = (ok: boolean, what: string) => {
  if (!ok) goals.push(what);
};

function setup(regions: number, scheduler = false): Promise<HealthBench> {
  return startHealthBench({
    regions,
    latencyMs: LATENCY_MS,
    everySource: true,
    health: {
      concurrency: BOUNDS,
      sourceTimeout: { milliseconds: TIMEOUT_MS },
      collectInWorker: IN_WORKER,
    },
    ...(scheduler ? { refreshIntervalMs: 600_000 } : {}),
  });
}

async function get(bench: HealthBench, path: string) {
  const started = performance.now();
  const res = await fetch(`${bench.baseUrl}/api/inferadb${path}`, {
    headers: { authorization: AUTH },
  });
  const body: any = await res.json();
  return { status: res.status, body, ms: performance.now() - started };
}

/** Collection time of the whole fleet over one region's, median of alternating runs. */
async function fleetOverOne(bench: HealthBench, runs: number) {
  const one = { region: bench.regionIds[1] };
  for (let i = 0; i < 2; i++) {
    await timedRefresh(bench);
    await timedRefresh(bench, one);
  }
  const fleet: number[] = [];
  const region: number[] = [];
  for (let i = 0; i < runs; i++) {
    const { ms, fleet: f } = await timedRefresh(bench);
    const unhealthy = f.regions.filter((r: any) => r.status !== 'healthy');
    if (unhealthy.length)
      throw new Error(
        `not healthy: ${unhealthy[0].region} ${unhealthy[0].summary}`,
      );
    fleet.push(ms);
    region.push((await timedRefresh(bench, one)).ms);
  }
  return { fleetMs: median(fleet), regionMs: median(region) };
}

/** Peak requests in flight during one fleet collection, per upstream. */
async function peaks(bench: HealthBench) {
  await bench.upstreamIntervals();
  await bench.prometheusPeak!.reset();
  const { fleet } = await timedRefresh(bench);
  return {
    kubernetes: peakOverlap(await bench.upstreamIntervals()),
    prometheus: await bench.prometheusPeak!.read(),
    // A source past its timeout gives up its slots while the server may still answer it.
    failed: fleet.regions
      .flatMap((r: any) => r.sources)
      .filter((s: any) => !s.ok).length,
  };
}

/** Reports one collection's peaks against the bounds, as goals. */
async function reportPeaks(bench: HealthBench, regions: number) {
  const p = await peaks(bench);
  console.log(
    `${regions} regions, peak in flight: Kubernetes ${p.kubernetes} (bound ${BOUNDS.kubernetes}), Prometheus ${p.prometheus} (bound ${BOUNDS.prometheus}); sources failed: ${p.failed}`,
  );
  check(
    p.kubernetes <= BOUNDS.kubernetes,
    `${regions} regions: Kubernetes within bound`,
  );
  check(
    p.prometheus <= BOUNDS.prometheus,
    `${regions} regions: Prometheus within bound`,
  );
}

async function twentyRegions() {
  const bench = await setup(20, true);
  try {
    const first = await get(bench, '/fleets/bench');
    const collected = first.body.regions?.length ?? 0;
    console.log(
      `first viewer request after start: HTTP ${first.status} in ${round(
        first.ms,
      )} ms with ${collected} of 20 regions`,
    );
    check(
      first.status === 200 && collected === 20,
      'first viewer gets every region',
    );

    const { fleetMs, regionMs } = await fleetOverOne(bench, 7);
    const ratio = fleetMs / regionMs;
    console.log(
      `20 regions: ${round(fleetMs)} ms, 1 region: ${round(
        regionMs,
      )} ms: x${round(ratio, 2)} (goal <= 1.2)`,
    );
    check(ratio <= 1.2, '20 / 1 region <= 1.2');

    // One region hangs: when does each region's new snapshot become visible?
    const hung = bench.regionIds[4];
    await bench.hang(hung);
    const started = Date.now();
    const visible = new Map<string, number>();
    let done = false;
    const collection = timedRefresh(bench).then(r => {
      done = true;
      return r;
    });
    while (!done || visible.size < 20) {
      const { body } = await get(bench, '/fleets/bench');
      for (const r of body.regions ?? [])
        if (Date.parse(r.collectedAt) >= started - 5 && !visible.has(r.region))
          visible.set(r.region, Date.now() - started);
      if (done && visible.size < 20) break;
      await sleep(20);
    }
    const { fleet } = await collection;
    const lateBy = fleet.regions
      .filter((r: any) => r.region !== hung)
      .map((r: any) => (visible.get(r.region) ?? Infinity) - r.durationMs);
    const hungAt = visible.get(hung) ?? Infinity;
    console.log(
      `one of 20 hung: the other 19 visible at most ${round(
        Math.max(...lateBy),
      )} ms after their own collection ended (one round trip: ${LATENCY_MS} ms); the hung one at ${round(
        hungAt,
      )} ms = x${round(hungAt / TIMEOUT_MS, 2)} its timeout (goal <= 1.1)`,
    );
    check(
      Math.max(...lateBy) <= LATENCY_MS,
      '19 healthy regions within one round trip',
    );
    check(hungAt <= TIMEOUT_MS * 1.1, 'hung region at its timeout + 10 %');
  } finally {
    await bench.stop();
  }
}

async function fiftyRegions() {
  const bench = await setup(50);
  try {
    await timedRefresh(bench);
    await reportPeaks(bench, 50);

    // Fifty viewers polling the fleet every second while 50-region collections run, as
    // the fleet page does (conditionally, with the ETag of their last answer; the page
    // polls every 15 s, so this is the load of some 750 open pages), from a process of
    // their own as browsers are.
    const load = fork(join(__dirname, 'health-viewer-load.ts'), [], {
      execArgv: [
        '--require',
        require.resolve('@backstage/cli/config/nodeTransform.cjs'),
      ],
      env: {
        ...process.env,
        BENCH_BASE_URL: bench.baseUrl,
        BENCH_AUTH: AUTH,
        BENCH_VIEWERS: String(VIEWERS),
      },
    });
    const next = () =>
      new Promise<any>(resolve => {
        const onMessage = (msg: any) => {
          if (msg?.type === 'watch') return;
          load.off('message', onMessage);
          resolve(msg);
        };
        load.on('message', onMessage);
      });
    const take = async (message: 'take' | 'stop') => {
      const answer = next();
      load.send(message);
      const { latencies, notModified } = (await answer) as {
        latencies: number[];
        notModified: number;
      };
      latencies.sort((a, b) => a - b);
      return {
        p50: percentile(latencies, 50),
        p99: percentile(latencies, 99),
        max: latencies[latencies.length - 1],
        count: latencies.length,
        notModified,
      };
    };
    const report = (what: string, l: Awaited<ReturnType<typeof take>>) =>
      `${VIEWERS} viewers polling every second ${what} (${l.count} requests, ${
        l.notModified
      } answered 304): p50 ${round(l.p50)} ms, p99 ${round(
        l.p99,
      )} ms, max ${round(l.max)} ms`;
    await next();
    // The viewers' first rounds open connections and warm up the process: not counted.
    await sleep(3_000);
    await take('take');
    // The same load with no collection running first: what the machine gives anyway.
    await sleep(10_000);
    const idle = await take('take');
    console.log(report('with no collection running', idle));
    // The backend's own part: from the request's arrival on its event loop to the answer.
    const handledMs: number[] = [];
    const timeHandling = (req: IncomingMessage, res: ServerResponse) => {
      const started = performance.now();
      res.on('finish', () => {
        if (req.method === 'GET') handledMs.push(performance.now() - started);
      });
    };
    bench.server.on('request', timeHandling);
    // Collections back to back for twenty seconds: every poll falls during one.
    const until = Date.now() + 20_000;
    while (Date.now() < until) await timedRefresh(bench);
    const during = await take('stop');
    bench.server.off('request', timeHandling);
    handledMs.sort((a, b) => a - b);
    const p99 = during.p99;
    console.log(
      `${report(
        'during 50-region collections',
        during,
      )}; p99 goal <= 20 ms, x${round(p99 / idle.p99, 1)} the idle p99`,
    );
    console.log(
      `  of which the backend's handling (arrival on its event loop to answer): p50 ${round(
        percentile(handledMs, 50),
      )} ms, p99 ${round(percentile(handledMs, 99))} ms`,
    );
    check(p99 <= 20, 'viewer p99 <= 20 ms');
  } finally {
    await bench.stop();
  }
}

async function fiveHundredRegions() {
  const bench = await setup(500);
  try {
    await reportPeaks(bench, 500);
    const { fleetMs, regionMs } = await fleetOverOne(bench, 3);
    console.log(
      `500 regions: ${round(fleetMs)} ms, 1 region: ${round(
        regionMs,
      )} ms: x${round(fleetMs / regionMs, 1)}`,
    );
  } finally {
    await bench.stop();
  }
}

async function main() {
  console.log(
    `API latency ${LATENCY_MS} ms for every source; bounds ${JSON.stringify(
      BOUNDS,
    )}; collecting on ${IN_WORKER ? 'a worker thread' : 'the event loop'}`,
  );
  const parts = {
    20: twentyRegions,
    50: fiftyRegions,
    500: fiveHundredRegions,
  };
  for (const [regions, part] of Object.entries(parts))
    if (!ONLY || ONLY.includes(regions)) await part();
  if (goals.length) console.log(`goals missed: ${goals.join('; ')}`);
  process.exitCode = goals.length ? 1 : 0;
}

main().then(
  () => process.exit(process.exitCode ?? 0),
  e => {
    console.error(e);
    process.exit(1);
  },
);
