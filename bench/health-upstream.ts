/**
 * Some of the emulated regions of the health benchmarks, run in a child process so that
 * their work shares neither the backend's event loop nor one another's, as real API
 * servers would not. Talks to the parent over IPC.
 */
import { startDemoRegionCluster } from '@internal/inferadb-emulators';
import {
  ReplayingApiServer,
  startReplayingApiServer,
} from './replayingApiServer';

function cpuMs() {
  const used = process.cpuUsage();
  return (used.user + used.system) / 1000;
}

async function main() {
  // This process plays regions `first` .. `first + regions - 1` (1-based).
  const first = Number(process.env.BENCH_FIRST_REGION ?? 1);
  const regions = Number(process.env.BENCH_REGIONS ?? 20);
  const latencyMs = Number(process.env.BENCH_LATENCY_MS ?? 200);
  const regionId = (i: number) =>
    `region-${String(first + i).padStart(2, '0')}`;
  const clusters: ReplayingApiServer[] = [];
  const regionIds = Array.from({ length: regions }, (_, i) => regionId(i));
  for (let i = 0; i < regions; i++) {
    // A single-region FDB cluster each.
    const emulator = await startDemoRegionCluster(regionId(i));
    clusters.push(await startReplayingApiServer(emulator, latencyMs));
  }
  process.on('message', async (msg: any) => {
    if (msg === 'count') {
      process.send!({
        count: clusters.reduce((n, c) => n + c.requests, 0),
        connections: clusters.reduce((n, c) => n + c.connections, 0),
        cpuMs: cpuMs(),
      });
    } else if (msg === 'intervals') {
      process.send!({
        intervals: clusters.flatMap(c => c.takeIntervals()),
      });
    } else if (msg?.hang !== undefined) {
      clusters[regionIds.indexOf(msg.hang)]?.setHanging(true);
      process.send!({ hanging: msg.hang });
    } else if (msg === 'stop') {
      for (const c of clusters) await c.close();
      process.exit(0);
    }
  });
  process.send!({
    clusters: clusters.map((c, i) => ({
      id: regionId(i),
      url: c.url,
      token: c.token,
    })),
  });
}

main().catch(e => {
  console.error(e);
  process.exit(1);
});
