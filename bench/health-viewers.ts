/**
 * 200 concurrent viewers polling the fleet endpoint must cause the same upstream calls as
 * one viewer: reads are served from the stored snapshot, only the scheduler calls the
 * regions. Counts the emulated API servers' requests over equal windows with 1 and with
 * 200 viewers, and reports p50/p99 of the fleet endpoint under the 200-viewer load.
 *
 *   node --require @backstage/cli/config/nodeTransform.cjs bench/health-viewers.ts
 */
import { AUTH, percentile, round, startHealthBench } from './health-setup';

const REGIONS = 20;
const LATENCY_MS = 200;
const REFRESH_MS = 2_000;
const WINDOW_MS = 10_000;
const POLL_MS = 1_000;
/** Well over one collection's duration, well under the scheduler interval. */
const SETTLE_MS = 700;

const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));

interface WindowResult {
  upstream: number;
  /** Collections the scheduler ran in the window (history points of one region). */
  collections: number;
  latencies: number[];
  notModified: number;
  ok: number;
  errors: number;
}

async function pollWindow(
  baseUrl: string,
  viewers: number,
  upstreamCalls: () => Promise<number>,
): Promise<WindowResult> {
  const url = `${baseUrl}/api/inferadb/fleets/bench`;
  const result: WindowResult = {
    upstream: 0,
    collections: 0,
    latencies: [],
    notModified: 0,
    ok: 0,
    errors: 0,
  };
  const points = async () => {
    const res = await fetch(`${url}/regions/region-01/history?limit=2000`, {
      headers: { authorization: AUTH },
    });
    return ((await res.json()) as any).points.length as number;
  };
  // Counts are taken just after a scheduled collection has finished, so no collection
  // straddles the window's edges and every upstream request is accounted for.
  const settle = async () => {
    const start = await points();
    while ((await points()) === start) await sleep(50);
    await sleep(SETTLE_MS);
  };
  await settle();
  const pointsBefore = await points();
  const before = await upstreamCalls();
  const until = Date.now() + WINDOW_MS;
  await Promise.all(
    Array.from({ length: viewers }, async (_, v) => {
      let etag: string | undefined;
      // Spread the viewers over the poll interval, as real browsers would be.
      await new Promise(r => setTimeout(r, (v * POLL_MS) / viewers));
      while (Date.now() < until) {
        const started = performance.now();
        try {
          const res = await fetch(url, {
            headers: {
              authorization: AUTH,
              ...(etag ? { 'if-none-match': etag } : {}),
            },
          });
          await res.arrayBuffer();
          result.latencies.push(performance.now() - started);
          if (res.status === 304) result.notModified += 1;
          else if (res.status === 200) {
            result.ok += 1;
            etag = res.headers.get('etag') ?? undefined;
          } else result.errors += 1;
        } catch {
          result.errors += 1;
        }
        await new Promise(r => setTimeout(r, POLL_MS));
      }
    }),
  );
  await settle();
  result.upstream = (await upstreamCalls()) - before;
  result.collections = (await points()) - pointsBefore;
  result.latencies.sort((a, b) => a - b);
  return result;
}

async function main() {
  const bench = await startHealthBench({
    regions: REGIONS,
    latencyMs: LATENCY_MS,
    refreshIntervalMs: REFRESH_MS,
  });
  try {
    // Let the scheduler settle into its interval.
    await new Promise(r => setTimeout(r, 2 * REFRESH_MS));
    const one = await pollWindow(bench.baseUrl, 1, bench.upstreamCalls);
    const many = await pollWindow(bench.baseUrl, 200, bench.upstreamCalls);
    const perCollection = 6 * REGIONS;
    console.log(
      `regions: ${REGIONS}, API latency: ${LATENCY_MS} ms, scheduler interval: ${REFRESH_MS} ms, window: ${WINDOW_MS} ms, poll every ${POLL_MS} ms`,
    );
    for (const [name, r] of [
      ['1 viewer', one],
      ['200 viewers', many],
    ] as const) {
      console.log(
        `${name}: ${r.ok + r.notModified} polls (${r.notModified} x 304, ${
          r.ok
        } x 200, ${r.errors} errors), upstream requests ${
          r.upstream
        }, scheduled collections ${
          r.collections
        }, upstream requests per collection ${round(
          r.upstream / Math.max(1, r.collections),
          1,
        )}`,
      );
    }
    const beyond = (r: WindowResult) =>
      r.upstream - r.collections * perCollection;
    console.log(
      `upstream requests beyond the scheduler's ${perCollection} per collection: 1 viewer ${beyond(
        one,
      )}, 200 viewers ${beyond(many)} (goal 0 for both)`,
    );
    console.log(
      `fleet endpoint under 200 viewers: p50 ${round(
        percentile(many.latencies, 50),
      )} ms, p99 ${round(
        percentile(many.latencies, 99),
      )} ms; 1 viewer: p50 ${round(percentile(one.latencies, 50))} ms`,
    );
    process.exitCode =
      many.errors === 0 && beyond(one) === 0 && beyond(many) === 0 ? 0 : 1;
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
