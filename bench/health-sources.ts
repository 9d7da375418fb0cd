/**
 * The federated Prometheus and the Tailscale API of the health benchmarks, in a child
 * process so that their work does not share the backend's event loop, as it would not in
 * production. Both answer after the same latency. Talks to the parent over IPC.
 */
import { startTailscaleEmulator } from '@internal/inferadb-emulators';
import { startSlowPrometheus } from './slowPrometheus';

async function main() {
  const latencyMs = Number(process.env.BENCH_LATENCY_MS ?? 200);
  const regionIds: string[] = JSON.parse(process.env.BENCH_REGION_IDS ?? '[]');
  const prometheus = await startSlowPrometheus(latencyMs);
  const tailscale = await startTailscaleEmulator();
  tailscale.addFault({ delayMs: latencyMs });
  for (const id of regionIds)
    tailscale.addDevice({
      hostname: `${id}-engine-0`,
      tags: [`tag:inferadb-${id}`],
      connectedToControl: true,
    } as any);
  process.on('message', async (msg: any) => {
    if (msg === 'peak') {
      process.send!({ peakInFlight: prometheus.peakInFlight });
    } else if (msg === 'resetPeak') {
      prometheus.resetPeak();
      process.send!({ reset: true });
    } else if (msg === 'stop') {
      await prometheus.close();
      await tailscale.close();
      process.exit(0);
    }
  });
  process.send!({
    prometheus: prometheus.url,
    tailscale: { url: tailscale.url, apiKey: tailscale.apiKey },
  });
}

main().catch(e => {
  console.error(e);
  process.exit(1);
});
