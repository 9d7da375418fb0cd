/**
 * A region's API server as the health benchmarks see it: the Kubernetes emulator behind a
 * front that waits out the configured latency and replays the emulator's first answer to
 * each URL. The benchmarks' regions never change, so the answers are the emulator's own,
 * byte for byte; only the emulator's per-request work (routing, copying, serialising)
 * is left out, which on a small machine would otherwise compete with the backend under
 * test for the CPU, as API servers on their own machines do not.
 */
import { KubernetesEmulator } from '@internal/inferadb-emulators';
import { createServer } from 'node:http';
import { AddressInfo } from 'node:net';

interface Answer {
  status: number;
  contentType: string;
  body: Buffer;
}

export interface ReplayingApiServer {
  url: string;
  token: string;
  /** Requests received, counted at the front. */
  readonly requests: number;
  /** TCP connections accepted. */
  readonly connections: number;
  /** [arrival, answer] of each request answered since the last call (epoch ms). */
  takeIntervals(): Array<[number, number]>;
  /** Stops answering (an API server that hangs), or answers again. */
  setHanging(hanging: boolean): void;
  close(): Promise<void>;
}

export async function startReplayingApiServer(
  emulator: KubernetesEmulator,
  latencyMs: number,
): Promise<ReplayingApiServer> {
  const fetchAnswer = (url: string, authorization: string): Promise<Answer> =>
    fetch(emulator.url + url, { headers: { authorization } }).then(
      async res => ({
        status: res.status,
        contentType: res.headers.get('content-type') ?? 'application/json',
        body: Buffer.from(await res.arrayBuffer()),
      }),
    );
  const answers = new Map<string, Promise<Answer>>();
  const replayed = (url: string, authorization: string) => {
    let answer = answers.get(url);
    if (!answer) {
      answer = fetchAnswer(url, authorization);
      answers.set(url, answer);
    }
    return answer;
  };
  let requests = 0;
  let connections = 0;
  let hanging = false;
  let intervals: Array<[number, number]> = [];
  const server = createServer((req, res) => {
    requests += 1;
    if (hanging) return;
    const arrived = Date.now();
    const authorization = req.headers.authorization ?? '';
    const url = req.url ?? '/';
    // Only answers to the emulator's own token are cached; anything else asks the emulator.
    const answer =
      authorization === `Bearer ${emulator.token}`
        ? replayed(url, authorization)
        : fetchAnswer(url, authorization);
    setTimeout(async () => {
      const { status, contentType, body } = await answer;
      // Ended when the answer is sent: the client cannot have it, and send the next
      // request, any earlier.
      intervals.push([arrived, Date.now()]);
      res.writeHead(status, {
        'content-type': contentType,
        'content-length': body.length,
      });
      res.end(body);
    }, latencyMs);
  });
  server.on('connection', () => {
    connections += 1;
  });
  await new Promise<void>(resolve =>
    server.listen(0, '127.0.0.1', () => resolve()),
  );
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    token: emulator.token,
    get requests() {
      return requests;
    },
    get connections() {
      return connections;
    },
    takeIntervals() {
      const taken = intervals;
      intervals = [];
      return taken;
    },
    setHanging(value) {
      hanging = value;
    },
    async close() {
      const closed = new Promise(resolve => server.close(resolve));
      server.closeAllConnections();
      await closed;
      await emulator.close();
    },
  };
}
