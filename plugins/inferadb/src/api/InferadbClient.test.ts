/**
 * @jest-environment node
 */
import {
  createServer,
  IncomingMessage,
  Server,
  ServerResponse,
} from 'node:http';
import { AddressInfo } from 'node:net';
import { InferadbClient } from './InferadbClient';
import { makeFleet } from '../__testUtils__/fixtures';

// A loopback server with the backend's ETag semantics, reached through real HTTP.
describe('InferadbClient', () => {
  let server: Server;
  let baseUrl: string;
  let requests: Array<{
    method?: string;
    url?: string;
    ifNoneMatch?: string;
    auth?: string;
    body?: string;
  }>;
  let fleet = makeFleet();
  let etag = '"v1"';

  beforeAll(async () => {
    server = createServer((req: IncomingMessage, res: ServerResponse) => {
      let body = '';
      req.on('data', c => {
        body += c;
      });
      req.on('end', () => {
        requests.push({
          method: req.method,
          url: req.url,
          ifNoneMatch: req.headers['if-none-match'],
          auth: req.headers.authorization,
          body,
        });
        if (
          req.url === '/api/inferadb/fleets/inferadb-demo' &&
          req.method === 'GET'
        ) {
          res.setHeader('ETag', etag);
          if (req.headers['if-none-match'] === etag) {
            res.statusCode = 304;
            res.end();
            return;
          }
          res.setHeader('Content-Type', 'application/json');
          res.end(JSON.stringify(fleet));
          return;
        }
        if (
          req.url === '/api/inferadb/fleets/inferadb-demo/refresh' &&
          req.method === 'POST'
        ) {
          res.setHeader('Content-Type', 'application/json');
          res.end(JSON.stringify(fleet));
          return;
        }
        if (
          req.url?.startsWith(
            '/api/inferadb/fleets/inferadb-demo/regions/eu-central-1/history',
          )
        ) {
          res.setHeader('Content-Type', 'application/json');
          res.end(
            JSON.stringify({
              fleet: 'inferadb-demo',
              region: 'eu-central-1',
              points: [],
            }),
          );
          return;
        }
        res.statusCode = 404;
        res.setHeader('Content-Type', 'application/json');
        res.end(
          JSON.stringify({
            error: { name: 'NotFoundError', message: `no fleet at ${req.url}` },
            request: { method: req.method, url: req.url },
            response: { statusCode: 404 },
          }),
        );
      });
    });
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${
      (server.address() as AddressInfo).port
    }/api/inferadb`;
  });

  afterAll(() => new Promise(resolve => server.close(resolve)));

  beforeEach(() => {
    requests = [];
    fleet = makeFleet();
    etag = '"v1"';
  });

  function client() {
    return new InferadbClient({
      discoveryApi: {
        getBaseUrl: async (id: string) => baseUrl.replace('inferadb', id),
      },
      fetchApi: {
        // Stands in for Backstage's fetch API, which adds the user's token.
        fetch: (input, init) =>
          fetch(input as string, {
            ...init,
            headers: {
              ...(init?.headers as Record<string, string>),
              Authorization: 'Bearer user-token',
            },
          }),
      },
    });
  }

  it('sends the remembered ETag and returns the same object on 304', async () => {
    const api = client();
    const first = await api.getFleetHealth('inferadb-demo');
    expect(first.regions.map(r => r.region)).toEqual([
      'us-west-1',
      'eu-central-1',
      'ap-southeast-1',
    ]);
    const second = await api.getFleetHealth('inferadb-demo');
    expect(second).toBe(first);
    expect(requests.map(r => r.ifNoneMatch)).toEqual([undefined, '"v1"']);
    expect(requests.every(r => r.auth === 'Bearer user-token')).toBe(true);
  });

  it('takes the new body when the snapshot changed', async () => {
    const api = client();
    const first = await api.getFleetHealth('inferadb-demo');
    fleet = makeFleet({ status: 'critical' });
    etag = '"v2"';
    const second = await api.getFleetHealth('inferadb-demo');
    expect(second).not.toBe(first);
    expect(second.status).toBe('critical');
    expect(requests[1].ifNoneMatch).toBe('"v1"');
  });

  it('throws a ResponseError carrying the status for unknown fleets', async () => {
    await expect(client().getFleetHealth('nope')).rejects.toMatchObject({
      name: 'ResponseError',
      response: { status: 404 },
    });
  });

  it('encodes history queries and posts refresh bodies', async () => {
    const api = client();
    await api.getRegionHistory('inferadb-demo', 'eu-central-1', {
      limit: 10,
      since: '2026-11-22T05:00:00Z',
    });
    expect(requests[0].url).toBe(
      '/api/inferadb/fleets/inferadb-demo/regions/eu-central-1/history?since=2026-11-22T05%3A00%3A00Z&limit=10',
    );
    await api.refreshFleet('inferadb-demo', 'eu-central-1');
    expect(requests[1]).toMatchObject({
      method: 'POST',
      body: '{"region":"eu-central-1"}',
    });
  });
});
