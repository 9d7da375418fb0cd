import { LoggerService } from '@backstage/backend-plugin-api';
import { ConfigReader } from '@backstage/config';
import { tailscaleClientFromConfig } from '@inferadb-regions/plugin-inferadb-node';
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { readHealthConfig } from '../config/readHealthConfig';
import { clusterClientFactory } from './kubernetesClient';
import { inProcessCollector } from './RegionCollector';
import { RestartWindow } from './restartWindow';
import { gatedTailscaleReader } from './tailscale';
import { UpstreamGate } from './upstreamGate';

/** This module's file: the worker thread runs it (see `workerCollector`). */
export const COLLECTOR_WORKER_FILE = __filename;

/** Messages between the backend and its collector thread. */
export type ToWorker = { id: number; fleet: any; regions: any[] };
export type FromWorker =
  | { id: number; region: string; observations: any }
  | { id: number; done: true; error?: string }
  | { log: 'info' | 'warn' | 'error'; message: string };

function serve() {
  const port = parentPort!;
  const send = (message: FromWorker) => port.postMessage(message);
  const log =
    (level: 'info' | 'warn' | 'error') =>
    (message: string, meta?: Error | object) =>
      send({
        log: level,
        message:
          meta instanceof Error ? `${message}: ${meta.message}` : message,
      });
  const logger = {
    info: log('info'),
    warn: log('warn'),
    error: log('error'),
    debug: () => {},
    child: () => logger,
  } as unknown as LoggerService;
  // The worker builds its own clients from the same configuration as the backend.
  const config = new ConfigReader({ inferadb: workerData.inferadb });
  const health = readHealthConfig(config);
  const gate = new UpstreamGate(health.concurrency);
  const collector = inProcessCollector({
    kubernetes: clusterClientFactory(config),
    tailscale: config.has('inferadb.tailscale')
      ? gatedTailscaleReader(
          tailscaleClientFromConfig(config, {
            logger,
            retry: { maxAttempts: 1 },
            timeoutMs: health.sourceTimeoutMs,
          }),
          gate,
        )
      : undefined,
    gate,
    metrics: health.metrics,
    restarts: new RestartWindow(
      health.thresholds.restartWindowMinutes * 60_000,
    ),
    sourceTimeoutMs: health.sourceTimeoutMs,
  });
  port.on('message', async ({ id, fleet, regions }: ToWorker) => {
    try {
      await collector.collect(fleet, regions, async (region, observations) =>
        send({ id, region: region.id, observations }),
      );
      send({ id, done: true });
    } catch (error) {
      send({ id, done: true, error: (error as Error).message });
    }
  });
}

if (!isMainThread && workerData?.role === 'inferadb-collector') serve();
