import { Request, Response } from 'express';
import { parse as parseYaml } from 'yaml';
import { discoveryDocument } from './discovery';
import { parseFieldSelector } from './fieldSelector';
import { parseLabelSelector } from './labelSelector';
import { applyJsonPatch, applyMergePatch, PatchError } from './patch';
import { deleteReturnsObject } from './resources';
import { parseServiceRef, ServiceProxyRegistry } from './serviceProxy';
import {
  deleted,
  failureStatus,
  KubernetesStatus,
  notFound,
  StatusError,
} from './status';
import { KubernetesObject, ObjectStore, ResourceRef } from './store';

/**
 * The API server's REST surface over the object store: discovery,
 * namespaces, list/get/create/replace/patch/delete of namespaced resources
 * (core under `/api/v1`, groups under `/apis/{group}/{version}`), the
 * `/status` subresource and the service proxy.
 */
export interface ApiContext {
  store: ObjectStore;
  proxies: ServiceProxyRegistry;
  /** When set, the only namespaces that exist. */
  namespaces?: string[];
}

export type Query = Record<string, string | string[]>;

function sendJson(res: Response, code: number, body: unknown): void {
  res.status(code).type('application/json').send(JSON.stringify(body));
}

function sendStatus(res: Response, status: KubernetesStatus): void {
  sendJson(res, status.code, status);
}

const NOT_FOUND = failureStatus(
  404,
  'the server could not find the requested resource',
  { details: {} },
);

const METHOD_NOT_ALLOWED = failureStatus(
  405,
  'the server does not allow this method on the requested resource',
  { details: {} },
);

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function timestamp(): string {
  return new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function bodyText(req: Request): string {
  return Buffer.isBuffer(req.body) ? req.body.toString('utf8') : '';
}

function parseBody(req: Request): unknown {
  const text = bodyText(req);
  const type = (req.headers['content-type'] ?? 'application/json')
    .split(';')[0]
    .trim();
  try {
    return type.endsWith('yaml') ? parseYaml(text) : JSON.parse(text);
  } catch (error) {
    throw new StatusError(
      failureStatus(
        400,
        `the request body could not be decoded: ${(error as Error).message}`,
      ),
    );
  }
}

function parseObject(req: Request): KubernetesObject {
  const body = parseBody(req);
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new StatusError(
      failureStatus(400, 'the request body must be a JSON object'),
    );
  }
  const obj = body as KubernetesObject;
  if (typeof obj.metadata !== 'object' || obj.metadata === null) {
    obj.metadata = {} as KubernetesObject['metadata'];
  }
  return obj;
}

export function createApiHandler(context: ApiContext) {
  const { store, proxies } = context;

  const namespaceExists = (name: string): boolean =>
    !context.namespaces || context.namespaces.includes(name);

  const namespaceRef: ResourceRef = {
    group: '',
    version: 'v1',
    plural: 'namespaces',
  };

  function namespaceObject(name: string): KubernetesObject {
    const stored = store.find(namespaceRef, '', name);
    if (stored) return stored;
    if (!namespaceExists(name))
      throw new StatusError(notFound('', 'namespaces', name));
    return {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: {
        name,
        labels: { 'kubernetes.io/metadata.name': name },
        resourceVersion: '1',
        creationTimestamp: timestamp(),
      },
      spec: { finalizers: ['kubernetes'] },
      status: { phase: 'Active' },
    };
  }

  function listNamespaces(query: Query) {
    const names = new Set<string>(context.namespaces ?? ['default']);
    if (!context.namespaces) {
      for (const ns of store.namespacesInUse()) names.add(ns);
    }
    for (const ns of store.list(namespaceRef, undefined))
      names.add(ns.metadata.name);
    const labels = parseSelectors(query);
    return listResponse(
      namespaceRef,
      [...names].sort().map(namespaceObject).filter(labels),
      query,
    );
  }

  function parseSelectors(query: Query): (obj: KubernetesObject) => boolean {
    try {
      const labels = parseLabelSelector(first(query.labelSelector));
      const fields = parseFieldSelector(first(query.fieldSelector));
      return obj => labels(obj.metadata.labels) && fields(obj);
    } catch (error) {
      throw new StatusError(failureStatus(400, (error as Error).message));
    }
  }

  function listResponse(
    ref: ResourceRef,
    all: readonly KubernetesObject[],
    query: Query,
  ) {
    const limit = Number(first(query.limit) ?? 0);
    const offset = Number(
      Buffer.from(first(query.continue) ?? '', 'base64url').toString() || 0,
    );
    const end = limit > 0 ? offset + limit : all.length;
    const metadata: Record<string, unknown> = {
      resourceVersion: store.resourceVersion,
    };
    if (end < all.length) {
      metadata.continue = Buffer.from(String(end)).toString('base64url');
      metadata.remainingItemCount = all.length - end;
    }
    return {
      kind: `${store.kindOf(ref)}List`,
      apiVersion: ref.group ? `${ref.group}/${ref.version}` : ref.version,
      metadata,
      items: all.slice(offset, end),
    };
  }

  function patched(req: Request, current: KubernetesObject): KubernetesObject {
    const type = (req.headers['content-type'] ?? '').split(';')[0].trim();
    try {
      switch (type) {
        case 'application/json-patch+json':
          return applyJsonPatch(current, parseBody(req)) as KubernetesObject;
        case 'application/merge-patch+json':
        case 'application/strategic-merge-patch+json':
        case 'application/apply-patch+yaml':
          return applyMergePatch(current, parseBody(req)) as KubernetesObject;
        default:
          throw new StatusError(
            failureStatus(
              415,
              `the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml`,
            ),
          );
      }
    } catch (error) {
      if (error instanceof PatchError) {
        throw new StatusError(
          failureStatus(
            422,
            `the server rejected our request due to an error in our request: ${error.message}`,
          ),
        );
      }
      throw error;
    }
  }

  async function proxy(
    req: Request,
    res: Response,
    namespace: string,
    serviceRef: string,
    path: string,
    query: Query,
  ): Promise<void> {
    const { service, port } = parseServiceRef(serviceRef);
    const handler = proxies.find(namespace, service, port);
    const serviceObjects: ResourceRef = {
      group: '',
      version: 'v1',
      plural: 'services',
    };
    if (!handler) {
      if (!store.find(serviceObjects, namespace, service)) {
        throw new StatusError(notFound('', 'services', service));
      }
      throw new StatusError(
        failureStatus(503, `no endpoints available for service "${service}"`),
      );
    }
    let answer;
    try {
      answer = await handler({
        method: req.method,
        path,
        query,
        // The API server drops the caller's credentials before proxying.
        headers: Object.fromEntries(
          Object.entries(req.headers).filter(([h]) => h !== 'authorization'),
        ),
        body: bodyText(req) || undefined,
        port,
      });
    } catch (error) {
      throw new StatusError(
        failureStatus(
          503,
          `error trying to reach service: ${(error as Error).message}`,
        ),
      );
    }
    const headers = { ...(answer.headers ?? {}) };
    const hasType = Object.keys(headers).some(
      h => h.toLowerCase() === 'content-type',
    );
    let body = '';
    if (typeof answer.body === 'string') {
      body = answer.body;
      if (!hasType) headers['content-type'] = 'text/plain; charset=utf-8';
    } else if (answer.body !== undefined) {
      body = JSON.stringify(answer.body);
      if (!hasType) headers['content-type'] = 'application/json';
    }
    res.status(answer.status).set(headers).send(body);
  }

  /** Resource operations below `/api/v1` or `/apis/{group}/{version}`. */
  async function resource(
    req: Request,
    res: Response,
    ref: ResourceRef,
    namespace: string | undefined,
    name: string | undefined,
    subresource: string | undefined,
    query: Query,
  ): Promise<void> {
    const dryRun = first(query.dryRun) === 'All';
    const method = req.method;
    if (name === undefined) {
      if (method === 'GET') {
        if (['true', '1'].includes(first(query.watch) ?? '')) {
          throw new StatusError(
            failureStatus(
              405,
              'watch is not emulated: list and poll instead, or extend the Kubernetes emulator',
            ),
          );
        }
        const selector = parseSelectors(query);
        const items = store.listForAnswer(ref, namespace).filter(selector);
        sendJson(res, 200, listResponse(ref, items, query));
        return;
      }
      if (method === 'POST' && namespace !== undefined) {
        if (!namespaceExists(namespace)) {
          throw new StatusError(notFound('', 'namespaces', namespace));
        }
        const body = parseObject(req);
        if (body.metadata.namespace && body.metadata.namespace !== namespace) {
          throw new StatusError(
            failureStatus(
              400,
              'the namespace of the provided object does not match the namespace sent on the request',
            ),
          );
        }
        sendJson(res, 201, store.create(ref, namespace, body, { dryRun }));
        return;
      }
      throw new StatusError(METHOD_NOT_ALLOWED);
    }
    if (namespace === undefined) throw new StatusError(NOT_FOUND);
    if (subresource !== undefined && subresource !== 'status') {
      throw new StatusError(NOT_FOUND);
    }
    const status = subresource === 'status' ? ('status' as const) : undefined;
    switch (method) {
      case 'GET':
        sendJson(res, 200, store.get(ref, namespace, name));
        return;
      case 'PUT':
        sendJson(
          res,
          200,
          store.replace(ref, namespace, name, parseObject(req), {
            dryRun,
            subresource: status,
          }),
        );
        return;
      case 'PATCH': {
        const next = patched(req, store.get(ref, namespace, name));
        sendJson(
          res,
          200,
          store.replace(ref, namespace, name, next, {
            dryRun,
            subresource: status,
          }),
        );
        return;
      }
      case 'DELETE': {
        if (status) throw new StatusError(METHOD_NOT_ALLOWED);
        const gone = store.delete(ref, namespace, name, { dryRun });
        sendJson(
          res,
          200,
          deleteReturnsObject(ref.group, ref.plural)
            ? gone
            : deleted(ref.group, ref.plural, name, gone.metadata.uid ?? ''),
        );
        return;
      }
      default:
        throw new StatusError(METHOD_NOT_ALLOWED);
    }
  }

  async function route(
    req: Request,
    res: Response,
    query: Query,
  ): Promise<void> {
    const rawPath = req.path;
    const raw = rawPath.split('/').slice(1);
    const segments = raw.map(s => decodeURIComponent(s));
    if (rawPath === '/version') {
      sendJson(res, 200, {
        major: '1',
        minor: '31',
        gitVersion: 'v1.31.0-inferadb-emulator',
        platform: 'linux/amd64',
      });
      return;
    }
    const discovery =
      req.method === 'GET' ? discoveryDocument(rawPath) : undefined;
    if (discovery === null) throw new StatusError(NOT_FOUND);
    if (discovery) {
      sendJson(res, 200, discovery);
      return;
    }
    let ref: { group: string; version: string };
    let rest: string[];
    let restRaw: string[];
    if (segments[0] === 'api' && segments.length >= 2) {
      ref = { group: '', version: segments[1] };
      rest = segments.slice(2);
      restRaw = raw.slice(2);
    } else if (segments[0] === 'apis' && segments.length >= 3) {
      ref = { group: segments[1], version: segments[2] };
      rest = segments.slice(3);
      restRaw = raw.slice(3);
    } else {
      throw new StatusError(NOT_FOUND);
    }
    const core = ref.group === '';
    if (rest.length === 0) throw new StatusError(NOT_FOUND);
    if (rest[0] !== 'namespaces' || rest.length === 1) {
      // Cross-namespace list (`/api/v1/pods`) or the namespace list.
      if (rest.length !== 1) throw new StatusError(NOT_FOUND);
      if (req.method !== 'GET') throw new StatusError(METHOD_NOT_ALLOWED);
      if (core && rest[0] === 'namespaces') {
        sendJson(res, 200, listNamespaces(query));
        return;
      }
      await resource(
        req,
        res,
        { ...ref, plural: rest[0] },
        undefined,
        undefined,
        undefined,
        query,
      );
      return;
    }
    const namespace = rest[1];
    if (rest.length === 2) {
      if (!core) throw new StatusError(NOT_FOUND);
      if (req.method !== 'GET') throw new StatusError(METHOD_NOT_ALLOWED);
      sendJson(res, 200, namespaceObject(namespace));
      return;
    }
    if (core && rest[2] === 'services' && rest[4] === 'proxy') {
      const below = restRaw.slice(5).join('/');
      await proxy(
        req,
        res,
        namespace,
        rest[3],
        `/${decodeURIComponent(below)}`,
        query,
      );
      return;
    }
    if (rest.length > 5) throw new StatusError(NOT_FOUND);
    await resource(
      req,
      res,
      { ...ref, plural: rest[2] },
      namespace,
      rest[3],
      rest[4],
      query,
    );
  }

  return async (req: Request, res: Response, query: Query): Promise<void> => {
    try {
      await route(req, res, query);
    } catch (error) {
      if (error instanceof StatusError) sendStatus(res, error.status);
      else
        sendStatus(
          res,
          failureStatus(500, (error as Error).message ?? String(error)),
        );
    }
  };
}
