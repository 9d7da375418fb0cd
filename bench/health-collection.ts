/**
 * One collection of 20 regions whose Kubernetes API servers answer after 200 ms should
 * take about as long as collecting one region (sources and regions run in parallel), not
 * the sum. Goal: fleet collection < 1.5 x one region's collection, both measured here.
 *
 * Also reported: the fleet against the bare API latency, and against the same requests
 * sent as plain fetches. On a small machine the emulated API servers share the CPU with
 * the backend, which real API servers would not; the CPU figures show how much.
 *
 *   node --require @backstage/cli/config/nodeTransform.cjs bench/health-collection.ts
 */
import os from 'node:os';
import { round, startHealthBench, timedRefresh } from './health-setup';

const cpuMs = () => {
  const used = process.cpuUsage();
  return (used.user + used.system) / 1000;
};

const REGIONS = 20;
const LATENCY_MS = 200;
const RUNS = 9;
const WARM_UP = 3;

/** The slowest duration of each source across the fleet's regions. */
function slowestBySource(fleet: any) {
  const slowest: Record<string, number> = {};
  for (const r of fleet.regions) {
    for (const src of r.sources) {
      slowest[src.source] = Math.max(slowest[src.source] ?? 0, src.durationMs);
    }
  }
  return slowest;
}

/**
 * The floor the emulators themselves allow: the same 6 requests per region sent as plain
 * fetches, without the backend. On a busy 2-core machine the emulated API servers (one
 * process) cannot answer 120 concurrent requests in 200 ms either.
 */
async function rawFloor(clusters: Array<{ url: string; token: string }>) {
  const paths = [
    '/api/v1/namespaces/inferadb/pods',
    '/apis/apps/v1/namespaces/inferadb/statefulsets',
    '/apis/apps/v1/namespaces/inferadb/deployments',
    '/apis/apps.foundationdb.org/v1beta2/namespaces/inferadb/foundationdbclusters',
    '/api/v1/namespaces/inferadb/services/inferadb-engine:8080/proxy/healthz',
    '/api/v1/namespaces/inferadb/services/inferadb-control:9090/proxy/healthz',
  ];
  const started = performance.now();
  await Promise.all(
    clusters.flatMap(c =>
      paths.map(p =>
        fetch(c.url + p, {
          headers: { authorization: `Bearer ${c.token}` },
        }).then(r => r.text()),
      ),
    ),
  );
  return performance.now() - started;
}

async function main() {
  const bench = await startHealthBench({
    regions: REGIONS,
    latencyMs: LATENCY_MS,
  });
  try {
    const oneRegion = { region: bench.regionIds[1] };
    // Warm-up: clients built, modules loaded, the collection path optimised by the JIT,
    // as it is in a backend that collects every interval.
    for (let i = 0; i < WARM_UP; i++) {
      await timedRefresh(bench, {});
      await timedRefresh(bench, oneRegion);
    }
    const floorTimes: number[] = [];
    const fleetTimes: number[] = [];
    const regionTimes: number[] = [];
    const backendCpu: number[] = [];
    const upstreamCpu: number[] = [];
    let connections = 0;
    // Fleet and one-region collections alternate, so both see the same machine.
    for (let i = 0; i < RUNS; i++) {
      const before = await bench.upstreamCounts();
      const cpuBefore = cpuMs();
      const { ms, fleet } = await timedRefresh(bench, {});
      backendCpu.push(cpuMs() - cpuBefore);
      const after = await bench.upstreamCounts();
      upstreamCpu.push(after.cpuMs - before.cpuMs);
      connections += after.connections - before.connections;
      fleetTimes.push(ms);
      const failed = fleet.regions.filter(
        (r: any) => r.status !== 'healthy',
      ).length;
      if (failed)
        throw new Error(
          `${failed} regions not healthy: ${JSON.stringify(
            fleet.regions.find((r: any) => r.status !== 'healthy').summary,
          )}`,
        );
      const durations = fleet.regions
        .map((r: any) => r.durationMs)
        .sort((a: number, b: number) => a - b);
      console.log(
        `run ${i + 1}: ${round(ms)} ms; region collections ${durations[0]}-${
          durations[durations.length - 1]
        } ms; slowest per source ${JSON.stringify(slowestBySource(fleet))}`,
      );
      if (i === 0)
        console.log(
          `upstream requests per fleet collection: ${
            after.count - before.count
          } (${REGIONS} regions)`,
        );
      regionTimes.push((await timedRefresh(bench, oneRegion)).ms);
    }
    // Measured apart: plain fetches leave garbage the collections would have to collect.
    for (let i = 0; i < RUNS; i++) {
      floorTimes.push(await rawFloor(bench.clusters));
    }
    const median = (xs: number[]) =>
      [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    const fleetMs = median(fleetTimes);
    const floorMs = median(floorTimes);
    const regionMs = median(regionTimes);
    console.log(
      `regions: ${REGIONS}, API latency per request: ${LATENCY_MS} ms, runs: ${RUNS}, emulator processes: ${bench.upstreamProcesses}`,
    );
    console.log(`one region, median: ${round(regionMs)} ms`);
    console.log(
      `whole fleet, median: ${round(fleetMs)} ms (min ${round(
        Math.min(...fleetTimes),
      )}, max ${round(Math.max(...fleetTimes))})`,
    );
    const ratio = fleetMs / regionMs;
    console.log(`fleet / one region: ${round(ratio, 2)} (goal < 1.5)`);
    console.log(`fleet / API latency: ${round(fleetMs / LATENCY_MS, 2)}`);
    console.log(
      `the same ${
        REGIONS * 6
      } requests as plain concurrent fetches, median: ${round(
        floorMs,
      )} ms = ${round(
        floorMs / LATENCY_MS,
        2,
      )} x API latency; fleet / that: ${round(fleetMs / floorMs, 2)}`,
    );
    console.log(
      `CPU per fleet collection, median: backend ${round(
        median(backendCpu),
      )} ms, emulated API servers ${round(
        median(upstreamCpu),
      )} ms (${os.availableParallelism()} CPUs)`,
    );
    console.log(
      `new connections to the API servers during ${RUNS} fleet collections: ${connections} (${
        REGIONS * 6 * RUNS
      } requests)`,
    );
    console.log(`sequential would be at least: ${REGIONS * LATENCY_MS} ms`);
    process.exitCode = ratio < 1.5 ? 0 : 1;
  } finally {
    await bench.stop();
  }
}

main().then(
  () => process.exit(process.exitCode ?? 0),
  e => {
    console.error(e);
    process.exit(1);
  },
);
