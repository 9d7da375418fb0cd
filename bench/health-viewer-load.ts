/**
 * Viewers of the fleet page for the health benchmarks, in a process of their own (as
 * browsers are): each polls the fleet endpoint every second, conditionally with the ETag
 * of its last answer. Told to `take`, it sends back the latencies since the last take; told
 * to `stop`, it sends the rest and exits.
 */
const baseUrl = process.env.BENCH_BASE_URL!;
const auth = process.env.BENCH_AUTH!;
const viewers = Number(process.env.BENCH_VIEWERS ?? 50);
const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));

let polling = true;
let latencies: number[] = [];
let notModified = 0;

function take() {
  const taken = { latencies, notModified };
  latencies = [];
  notModified = 0;
  return taken;
}

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
  if (msg === 'take') process.send!(take());
  if (msg !== 'stop') return;
  polling = false;
  await all;
  process.send!(take());
  process.exit(0);
});
process.send!({ started: true });
