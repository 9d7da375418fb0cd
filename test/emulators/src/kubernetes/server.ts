import express, { NextFunction, Request, Response } from 'express';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import { AddressInfo } from 'node:net';
import { createApiHandler, Query } from './api';
import { FaultSet, KubernetesFault } from './faults';
import { pluralOf, splitApiVersion } from './resources';
import {
  ServiceProxyHandler,
  ServiceProxyRegistry,
  ServiceProxyTarget,
} from './serviceProxy';
import { failureStatus } from './status';
import { KubernetesObject, ObjectStore, ResourceRef } from './store';

export interface KubernetesEmulatorOptions {
  /** The bearer token every request must carry; random when omitted. */
  token?: string;
  /** When given, the only namespaces that exist; otherwise every namespace does. */
  namespaces?: string[];
  /** A delay before every answer, for latency-sensitive code. */
  latencyMs?: number;
  /** Serve HTTPS with this PEM key and certificate (for 127.0.0.1) instead of plain HTTP. */
  tls?: { key: string; cert: string };
}

/** One request the emulator received, for counting upstream calls. */
export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string | string[]>;
  /** When it arrived, in epoch milliseconds. */
  time: number;
}

/** The object `KubeConfig.loadFromOptions` takes. */
export interface KubeConfigOptions {
  clusters: Array<{
    name: string;
    server: string;
    skipTLSVerify: boolean;
    caData?: string;
  }>;
  users: Array<{ name: string; token: string }>;
  contexts: Array<{
    name: string;
    cluster: string;
    user: string;
    namespace?: string;
  }>;
  currentContext: string;
}

export interface KubernetesEmulator {
  /** `http://127.0.0.1:<port>`, or `https://` when serving TLS. */
  readonly url: string;
  readonly token: string;
  /** Every request received so far, oldest first (clear with `requests.length = 0`). */
  readonly requests: RecordedRequest[];
  /** TCP connections accepted so far: clients that keep connections alive open few. */
  readonly connections: number;
  /** The most requests that were being answered at once so far. */
  readonly peakInFlight: number;
  /** Starts counting `peakInFlight` afresh. */
  resetPeakInFlight(): void;
  /** A kubeconfig with one cluster, user and context named `name` (default `emulator`). */
  kubeConfigOptions(name?: string, namespace?: string): KubeConfigOptions;
  /** Creates or replaces an object by apiVersion, kind, namespace and name, keeping its status. */
  put<T extends object>(obj: T): KubernetesObject & T;
  get(
    apiVersion: string,
    kind: string,
    namespace: string,
    name: string,
  ): KubernetesObject | undefined;
  list(
    apiVersion: string,
    kind: string,
    namespace?: string,
  ): KubernetesObject[];
  remove(
    apiVersion: string,
    kind: string,
    namespace: string,
    name: string,
  ): boolean;
  /** Plays the pods behind a service for requests through the API server's service proxy. */
  setServiceProxy(
    target: ServiceProxyTarget,
    handler: ServiceProxyHandler,
  ): void;
  removeServiceProxy(target: ServiceProxyTarget): boolean;
  addFault(fault: KubernetesFault): string;
  removeFault(id: string): boolean;
  clearFaults(): void;
  /** Changes the delay before every answer. */
  setLatency(ms: number): void;
  /** Stops listening and drops every open connection, hanging requests included. */
  close(): Promise<void>;
}

const UNAUTHORIZED = failureStatus(401, 'Unauthorized');

function refOf(apiVersion: string, kind: string): ResourceRef {
  return { ...splitApiVersion(apiVersion), plural: pluralOf(kind) };
}

function queryOf(url: URL): Query {
  const query: Query = {};
  for (const [key, value] of url.searchParams) {
    const existing = query[key];
    if (existing === undefined) query[key] = value;
    else
      query[key] = Array.isArray(existing)
        ? [...existing, value]
        : [existing, value];
  }
  return query;
}

/** The path as tests write it: the client percent-encodes `engine:8080` and `a/b` in proxy paths. */
function decodedPath(pathname: string): string {
  try {
    return decodeURIComponent(pathname);
  } catch {
    return pathname;
  }
}

function tokenMatches(header: string | undefined, token: string): boolean {
  const match = /^Bearer\s+(.+)$/i.exec(header ?? '');
  if (!match) return false;
  const given = Buffer.from(match[1].trim());
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** Starts a Kubernetes API server emulator on a loopback port of the system's choosing. */
export async function startKubernetesEmulator(
  options: KubernetesEmulatorOptions = {},
): Promise<KubernetesEmulator> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  const store = new ObjectStore();
  const proxies = new ServiceProxyRegistry();
  const faults = new FaultSet();
  const requests: RecordedRequest[] = [];
  const timers = new Set<NodeJS.Timeout>();
  let latencyMs = options.latencyMs ?? 0;
  let closed = false;
  let inFlight = 0;
  let peakInFlight = 0;

  // Timers are tracked so close() can drop them; delayed requests wait side by side.
  const wait = (ms: number) =>
    ms <= 0
      ? Promise.resolve()
      : new Promise<void>(resolve => {
          const timer = setTimeout(() => {
            timers.delete(timer);
            resolve();
          }, ms);
          timers.add(timer);
        });

  const api = createApiHandler({
    store,
    proxies,
    namespaces: options.namespaces,
  });
  const app = express();
  app.disable('x-powered-by');
  app.disable('etag');
  app.use(express.raw({ type: () => true, limit: '32mb' }));
  app.use((req: Request, res: Response, _next: NextFunction) => {
    const url = new URL(req.originalUrl, 'http://localhost');
    const path = decodedPath(url.pathname);
    const query = queryOf(url);
    requests.push({
      method: req.method,
      path,
      query,
      time: Date.now(),
    });
    inFlight += 1;
    peakInFlight = Math.max(peakInFlight, inFlight);
    res.once('close', () => {
      inFlight -= 1;
    });
    const send = (code: number, type: string, body: string) => {
      if (!closed && !res.headersSent) res.status(code).type(type).send(body);
    };
    if (!tokenMatches(req.headers.authorization, token)) {
      send(401, 'application/json', JSON.stringify(UNAUTHORIZED));
      return;
    }
    const fault = faults.match(req.method, path);
    if (fault?.type === 'hang') return; // answered never; close() drops the connection
    if (fault?.type === 'reset') {
      req.socket.destroy();
      return;
    }
    (async () => {
      await wait(latencyMs + (fault ? fault.delayMs : 0));
      if (closed) return;
      if (fault?.type === 'respond') {
        send(fault.status, fault.contentType, fault.body);
        return;
      }
      await api(req, res, query);
    })().catch(error => {
      send(
        500,
        'application/json',
        JSON.stringify(failureStatus(500, String(error))),
      );
    });
  });

  const server = options.tls
    ? createTlsServer(options.tls, app)
    : createServer(app);
  let connections = 0;
  server.on('connection', () => {
    connections += 1;
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const url = `${options.tls ? 'https' : 'http'}://127.0.0.1:${port}`;
  // Over TLS the client trusts the emulator's certificate; over plain HTTP it only
  // accepts the server with verification off.
  const trust = options.tls
    ? {
        skipTLSVerify: false,
        caData: Buffer.from(options.tls.cert).toString('base64'),
      }
    : { skipTLSVerify: true };

  return {
    url,
    token,
    requests,
    get connections() {
      return connections;
    },
    get peakInFlight() {
      return peakInFlight;
    },
    resetPeakInFlight() {
      peakInFlight = inFlight;
    },
    kubeConfigOptions(name = 'emulator', namespace?: string) {
      return {
        clusters: [{ name, server: url, ...trust }],
        users: [{ name, token }],
        contexts: [
          {
            name,
            cluster: name,
            user: name,
            ...(namespace ? { namespace } : {}),
          },
        ],
        currentContext: name,
      };
    },
    put<T extends object>(input: T) {
      const obj = input as unknown as KubernetesObject;
      if (!obj.apiVersion || !obj.kind || !obj.metadata?.name) {
        throw new Error(
          'put() needs an object with apiVersion, kind and metadata.name; add the missing field',
        );
      }
      const ref = refOf(obj.apiVersion, obj.kind);
      const namespace =
        obj.kind === 'Namespace' ? '' : obj.metadata.namespace ?? 'default';
      const body = {
        ...obj,
        metadata: { ...obj.metadata, resourceVersion: undefined },
      };
      const written = store.find(ref, namespace, obj.metadata.name)
        ? store.replace(ref, namespace, obj.metadata.name, body, {
            keepStatus: true,
          })
        : store.create(ref, namespace, body, { keepStatus: true });
      return written as KubernetesObject & T;
    },
    get(apiVersion, kind, namespace, name) {
      return store.find(refOf(apiVersion, kind), namespace, name);
    },
    list(apiVersion, kind, namespace) {
      return store.list(refOf(apiVersion, kind), namespace);
    },
    remove(apiVersion, kind, namespace, name) {
      return store.remove(refOf(apiVersion, kind), namespace, name);
    },
    setServiceProxy(target, handler) {
      proxies.set(target, handler);
    },
    removeServiceProxy(target) {
      return proxies.remove(target);
    },
    addFault(fault) {
      return faults.add(fault);
    },
    removeFault(id) {
      return faults.remove(id);
    },
    clearFaults() {
      faults.clear();
    },
    setLatency(ms) {
      latencyMs = ms;
    },
    async close() {
      if (closed) return;
      closed = true;
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      const done = new Promise<void>(resolve => server.close(() => resolve()));
      server.closeAllConnections();
      await done;
    },
  };
}
