import { LoggerService } from '@backstage/backend-plugin-api';
import { JsonObject } from '@backstage/types';
import { Worker } from 'node:worker_threads';
import { RegionConfig } from '../config/types';
import { COLLECTOR_WORKER_FILE, FromWorker } from './collectorWorker';
import { RegionCollected, RegionCollector } from './RegionCollector';

interface Pending {
  regions: RegionConfig[];
  collected: RegionCollected;
  handled: Array<Promise<void>>;
  resolve(): void;
  reject(error: Error): void;
}

/**
 * Collects on a worker thread with clients of its own, so parsing upstream answers never
 * holds up the requests of viewers. The thread starts with the first collection and again
 * after it fails.
 */
export function workerCollector(options: {
  /** The `inferadb` configuration the thread builds its clients from. */
  inferadb: JsonObject;
  logger: LoggerService;
}): RegionCollector {
  let worker: Worker | undefined;
  let nextId = 1;
  const pending = new Map<number, Pending>();

  const failAll = (error: Error) => {
    for (const p of pending.values()) p.reject(error);
    pending.clear();
    worker = undefined;
  };

  const onMessage = (message: FromWorker) => {
    if ('log' in message) {
      options.logger[message.log](message.message);
      return;
    }
    const p = pending.get(message.id);
    if (!p) return;
    if ('region' in message) {
      const region = p.regions.find(r => r.id === message.region)!;
      p.handled.push(p.collected(region, message.observations));
      return;
    }
    pending.delete(message.id);
    Promise.all(p.handled).then(
      () => (message.error ? p.reject(new Error(message.error)) : p.resolve()),
      p.reject,
    );
  };

  const start = () => {
    // From source (development and tests) the thread needs the same TypeScript transform.
    const execArgv = COLLECTOR_WORKER_FILE.endsWith('.ts')
      ? [
          '--require',
          require.resolve('@backstage/cli/config/nodeTransform.cjs'),
        ]
      : [];
    const w = new Worker(COLLECTOR_WORKER_FILE, {
      workerData: { role: 'inferadb-collector', inferadb: options.inferadb },
      execArgv,
    });
    w.on('message', onMessage);
    w.on('error', error => failAll(error as Error));
    w.on('exit', code =>
      failAll(new Error(`the collector thread exited with code ${code}`)),
    );
    w.unref();
    return w;
  };

  return {
    collect(fleet, regions, collected) {
      worker ??= start();
      const id = nextId++;
      return new Promise<void>((resolve, reject) => {
        pending.set(id, { regions, collected, handled: [], resolve, reject });
        worker!.postMessage({ id, fleet, regions });
      });
    },
    async close() {
      const w = worker;
      worker = undefined;
      await w?.terminate();
    },
  };
}
