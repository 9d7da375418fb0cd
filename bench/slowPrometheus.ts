/**
 * Prometheus's instant-query API (`GET /api/v1/query`) for the health benchmarks: every
 * query answers a one-sample vector after a fixed latency, as a federated Prometheus far
 * from the backend would, and the requests in flight are counted.
 */
import { createServer } from 'node:http';
import { AddressInfo } from 'node:net';
import { instantVectorAnswer } from '@internal/inferadb-emulators';

export interface SlowPrometheus {
  url: string;
  readonly requests: number;
  readonly peakInFlight: number;
  /** Starts counting the peak afresh. */
  resetPeak(): void;
  close(): Promise<void>;
}

// Disk 50 % used, p95 20 ms, a lag of 1 s: every default check stays healthy.
const valueOf = (query: string) => {
  if (query.includes('volume_stats')) return '0.5';
  if (query.includes('quantile')) return '0.02';
  return '1';
};

export async function startSlowPrometheus(
  latencyMs: number,
): Promise<SlowPrometheus> {
  let requests = 0;
  let inFlight = 0;
  let peak = 0;
  const server = createServer((req, res) => {
    requests += 1;
    inFlight += 1;
    peak = Math.max(peak, inFlight);
    const query =
      new URL(req.url ?? '/', 'http://127.0.0.1').searchParams.get('query') ??
      '';
    setTimeout(() => {
      inFlight -= 1;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(instantVectorAnswer(valueOf(query)));
    }, latencyMs);
  });
  await new Promise<void>(resolve =>
    server.listen(0, '127.0.0.1', () => resolve()),
  );
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    get requests() {
      return requests;
    },
    get peakInFlight() {
      return peak;
    },
    resetPeak() {
      peak = inFlight;
    },
    async close() {
      const closed = new Promise(resolve => server.close(resolve));
      server.closeAllConnections();
      await closed;
    },
  };
}
