/**
 * The API server's service proxy
 * (`/api/v1/namespaces/{ns}/services/[{scheme}:]{name}[:{port}]/proxy/{path}`):
 * instead of pods behind the service, tests register a handler per service
 * (and optionally per port) that plays the workload.
 */

export interface ServiceProxyTarget {
  namespace: string;
  service: string;
  /** Port name or number; a handler without a port answers for every port. */
  port?: string | number;
}

export interface ServiceProxyRequest {
  method: string;
  /** The path below `/proxy`, starting with `/`. */
  path: string;
  query: Record<string, string | string[]>;
  headers: Record<string, string | string[] | undefined>;
  /** The request body as text, if any. */
  body?: string;
  /** The port the caller named (`''` when none). */
  port: string;
}

export interface ServiceProxyResponse {
  status: number;
  /** An object is answered as JSON; a string as `text/plain` unless `headers` say otherwise. */
  body?: string | object;
  headers?: Record<string, string>;
}

export type ServiceProxyHandler = (
  request: ServiceProxyRequest,
) => ServiceProxyResponse | Promise<ServiceProxyResponse>;

/** `name`, `name:port` or `scheme:name:port`, as the API server accepts them. */
export function parseServiceRef(ref: string): {
  service: string;
  port: string;
} {
  const parts = ref.split(':');
  if (parts.length >= 3) return { service: parts[1], port: parts[2] };
  if (parts.length === 2) return { service: parts[0], port: parts[1] };
  return { service: ref, port: '' };
}

export class ServiceProxyRegistry {
  private readonly handlers = new Map<string, ServiceProxyHandler>();

  private static key(namespace: string, service: string, port: string): string {
    return `${namespace}/${service}:${port}`;
  }

  set(target: ServiceProxyTarget, handler: ServiceProxyHandler): void {
    this.handlers.set(
      ServiceProxyRegistry.key(
        target.namespace,
        target.service,
        String(target.port ?? ''),
      ),
      handler,
    );
  }

  remove(target: ServiceProxyTarget): boolean {
    return this.handlers.delete(
      ServiceProxyRegistry.key(
        target.namespace,
        target.service,
        String(target.port ?? ''),
      ),
    );
  }

  clear(): void {
    this.handlers.clear();
  }

  /** The handler for exactly this port, else the service's port-less handler. */
  find(
    namespace: string,
    service: string,
    port: string,
  ): ServiceProxyHandler | undefined {
    return (
      this.handlers.get(ServiceProxyRegistry.key(namespace, service, port)) ??
      this.handlers.get(ServiceProxyRegistry.key(namespace, service, ''))
    );
  }
}
