import { createConnection, createServer, Server, Socket } from 'node:net';

/** A loopback TCP port that forwards every connection to another loopback port. */
export interface PortForward {
  readonly port: number;
  close(): Promise<void>;
}

/**
 * Listens on a fixed loopback port and pipes connections to `targetPort`, so the demo's
 * emulators (which pick free ports) are reachable at the ports app-config.yaml names.
 */
export async function forwardPort(
  listenPort: number,
  targetPort: number,
): Promise<PortForward> {
  const sockets = new Set<Socket>();
  const server: Server = createServer(client => {
    const upstream = createConnection({ host: '127.0.0.1', port: targetPort });
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => {
        client.destroy();
        upstream.destroy();
      });
    }
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(listenPort, '127.0.0.1', () => resolve());
  });
  return {
    port: (server.address() as { port: number }).port,
    close: () =>
      new Promise<void>(resolve => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
