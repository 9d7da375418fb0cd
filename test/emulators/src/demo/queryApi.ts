import { createServer, Server } from 'node:http';
import { instantVectorAnswer } from '../prometheus/instantQuery';

/** The current value of a metric for a region, or undefined when it has none. */
export type MetricLookup = (
  metric: string,
  region: string | undefined,
) => number | undefined;

/**
 * A stand-in for Prometheus's instant-query API (`/api/v1/query`) for machines without
 * Prometheus: it finds the first known metric name in the query and the `region` matcher,
 * and answers that value as a one-sample vector, unaggregated. Only for the demo; tests
 * use a real Prometheus.
 */
export async function startQueryApiStandIn(
  port: number,
  metrics: string[],
  lookup: MetricLookup,
): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const send = (code: number, body: object) => {
      res.writeHead(code, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (url.pathname === '/-/ready') {
      res.end('Prometheus Server is Ready.\n');
      return;
    }
    if (url.pathname !== '/api/v1/query') {
      send(404, {
        status: 'error',
        errorType: 'not_found',
        error: 'not found',
      });
      return;
    }
    const query = url.searchParams.get('query') ?? '';
    const region = /region="([^"]*)"/.exec(query)?.[1];
    const metric = metrics.find(m => query.includes(m));
    const value = metric ? lookup(metric, region) : undefined;
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(instantVectorAnswer(value));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const actual = (server.address() as { port: number }).port;
  return {
    url: `http://127.0.0.1:${actual}`,
    close: () =>
      new Promise<void>(resolve => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
