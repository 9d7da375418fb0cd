/**
 * Viewers of the fleet page for the health benchmarks, in a process of their own (as
 * browsers are): each polls the fleet endpoint every second, conditionally with the ETag
 * of its last answer, until told to stop, then sends back every request's latency.
 */
const baseUrl = process.env.BENCH_BASE_URL!;
const auth = process.env.BENCH_AUTH!;
const viewers = Number(process.env.BENCH_VIEWERS ?? 50);
const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));

let polling = true;
const latencies: number[] = [];
let notModified = 0;

async function viewer(i: number) {
  let etag = '';
  await sleep((i * 1000) / viewers);
  while (polling) {
    const started = performance.now();
    const res = await fetch(`${baseUrl}/api/inferadb/fleets/bench`, {
      headers: { authorization: auth, ...(etag && { 'if-none-match': etag }) },
    });
    await res.arrayBuffer();
    latencies.push(performance.now() - started);
    if (res.status === 304) notModified += 1;
    etag = res.headers.get('etag') ?? etag;
    await sleep(1000 - (performance.now() - started));
  }
}

const all = Promise.all(Array.from({ length: viewers }, (_, i) => viewer(i)));
process.on('message', async msg => {
  if (msg !== 'stop') return;
  polling = false;
  await all;
  process.send!({ latencies, notModified });
  process.exit(0);
});
process.send!({ started: true });
