import type * as k8s from '@kubernetes/client-node';
import * as http from 'node:http';
import * as https from 'node:https';
import { yieldWhenBusy } from '../cooperative';
import { keepAliveAgents } from './keepAliveAgents';

/**
 * The Kubernetes client's transport on Node's own `http` module. The client's default
 * (node-fetch) costs about three times the CPU per request, which across a fleet's
 * concurrent reads puts the backend's event loop on the collection's critical path.
 * Requests keep the client's TLS options, proxy and abort signal, over connections kept
 * alive from one request to the next.
 */
export function nodeHttpLibrary(mod: typeof k8s): k8s.HttpLibrary {
  const keepAlive = keepAliveAgents();
  return {
    send(ctx) {
      const attempt = (): Promise<k8s.ResponseContext> =>
        new Promise<k8s.ResponseContext>((resolve, reject) => {
          const url = new URL(ctx.getUrl());
          const transport = url.protocol === 'https:' ? https : http;
          const request = transport.request(
            url,
            {
              method: ctx.getHttpMethod(),
              headers: ctx.getHeaders(),
              agent: keepAlive(ctx.getAgent()),
              signal: ctx.getSignal() as AbortSignal | undefined,
            },
            response => {
              const chunks: Buffer[] = [];
              response.on('data', chunk => chunks.push(chunk));
              response.on('error', reject);
              response.on('end', async () => {
                const body = Buffer.concat(chunks);
                await yieldWhenBusy();
                resolve(
                  new mod.ResponseContext(
                    response.statusCode ?? 0,
                    headersOf(response),
                    {
                      text: async () => body.toString('utf8'),
                      binary: async () => body,
                    },
                  ),
                );
              });
            },
          );
          request.on('error', error => {
            // A server may close a kept-alive connection (its idle timeout) just as a
            // request goes out on it. Such a read is sent again on another connection;
            // a fresh connection is never reused, so this ends (Node's `reusedSocket`).
            if (
              request.reusedSocket &&
              (error as NodeJS.ErrnoException).code === 'ECONNRESET' &&
              ctx.getHttpMethod() === mod.HttpMethod.GET &&
              !(ctx.getSignal() as AbortSignal | undefined)?.aborted
            ) {
              resolve(attempt());
            } else {
              reject(error);
            }
          });
          request.end(ctx.getBody() ?? undefined);
        });
      return new mod.Observable(attempt());
    },
  };
}

function headersOf(response: http.IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(response.headers)) {
    if (value !== undefined)
      headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return headers;
}
