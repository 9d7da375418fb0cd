import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { inferadbPermissions } from '@inferadb-regions/plugin-inferadb-common';
import {
  inferadbHealthCollectorsExtensionPoint,
  KubernetesClusters,
  tailscaleClientFromConfig,
  type KubernetesClientFactory,
  type TailscaleHealthReader,
} from '@inferadb-regions/plugin-inferadb-node';
import { clusterClientFactory } from './collectors/kubernetesClient';
import { RestartWindow } from './collectors/restartWindow';
import { inProcessCollector } from './collectors/RegionCollector';
import { workerCollector } from './collectors/workerCollector';
import { gatedTailscaleReader } from './collectors/tailscale';
import { UpstreamGate } from './collectors/upstreamGate';
import { readHealthConfig } from './config/readHealthConfig';
import { createRouter } from './router/createRouter';
import { HealthService } from './service/HealthService';
import { SnapshotStore } from './snapshots/SnapshotStore';
import { FleetDirectory } from './fleets/FleetDirectory';
import { FleetFileReader } from './fleets/FleetFileReader';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';

/**
 * The InferaDB backend plugin: collects region health on a schedule into the plugin's
 * database and serves the stored snapshots.
 *
 * @public
 */
export const inferadbPlugin = createBackendPlugin({
  pluginId: 'inferadb',
  register(env) {
    let kubernetes: KubernetesClientFactory | undefined;
    let tailscale: TailscaleHealthReader | undefined;
    env.registerExtensionPoint(inferadbHealthCollectorsExtensionPoint, {
      setKubernetesClientFactory(factory) {
        if (kubernetes) {
          throw new Error(
            'The InferaDB Kubernetes client factory was set twice: only one backend module may set it',
          );
        }
        kubernetes = factory;
      },
      setTailscaleReader(reader) {
        if (tailscale) {
          throw new Error(
            'The InferaDB Tailscale reader was set twice: only one backend module may set it',
          );
        }
        tailscale = reader;
      },
    });
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        database: coreServices.database,
        scheduler: coreServices.scheduler,
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        auditor: coreServices.auditor,
        urlReader: coreServices.urlReader,
        auth: coreServices.auth,
        lifecycle: coreServices.lifecycle,
        catalog: catalogServiceRef,
      },
      async init(deps) {
        const { config, logger, scheduler } = deps;
        const healthConfig = readHealthConfig(config);
        const store = await SnapshotStore.create({
          database: deps.database,
          historyLimit: healthConfig.historyLimit,
        });
        const gate = new UpstreamGate(healthConfig.concurrency);
        const tailnet =
          tailscale ??
          (config.has('inferadb.tailscale')
            ? tailscaleClientFromConfig(config, {
                logger,
                // The collector has its own timeout and runs again next interval.
                retry: { maxAttempts: 1 },
                timeoutMs: healthConfig.sourceTimeoutMs,
              })
            : undefined);
        // Clients handed in through the extension point live on this thread.
        const collector =
          healthConfig.collectInWorker && !kubernetes && !tailscale
            ? workerCollector({
                inferadb: config.getConfig('inferadb').get(),
                logger,
              })
            : inProcessCollector({
                kubernetes: kubernetes ?? clusterClientFactory(config),
                tailscale: tailnet && gatedTailscaleReader(tailnet, gate),
                gate,
                metrics: healthConfig.metrics,
                restarts: new RestartWindow(
                  healthConfig.thresholds.restartWindowMinutes * 60_000,
                ),
                sourceTimeoutMs: healthConfig.sourceTimeoutMs,
              });
        deps.lifecycle.addShutdownHook(async () => {
          await collector.close?.();
        });
        const health = new HealthService(
          healthConfig,
          store,
          collector,
          logger,
          new FleetDirectory({
            config: healthConfig,
            files: new FleetFileReader(deps.urlReader),
            logger,
            catalog: deps.catalog,
            auth: deps.auth,
          }),
        );
        deps.permissionsRegistry.addPermissions(inferadbPermissions);
        deps.httpRouter.use(
          await createRouter({
            health,
            clusterNames: KubernetesClusters.fromConfig(config).names(),
            httpAuth: deps.httpAuth,
            permissions: deps.permissions,
            auditor: deps.auditor,
          }),
        );

        // Every replica follows the fleet files, to answer for the fleets they name.
        await scheduler.scheduleTask({
          id: 'inferadb-fleet-files',
          scope: 'local',
          frequency: { milliseconds: healthConfig.refreshIntervalMs },
          timeout: { milliseconds: healthConfig.refreshIntervalMs },
          fn: () => health.refreshFleets(),
        });
        // Collection is split into shards, each a global task: the scheduler runs each on
        // one replica per interval, so several replicas share the regions and none is
        // collected twice. Fleets also come from fleet files the catalog names, so this
        // runs even when app-config lists none.
        const { shards } = healthConfig;
        for (let shard = 0; shard < shards; shard++) {
          await scheduler.scheduleTask({
            id:
              shards === 1
                ? 'inferadb-health-collect'
                : `inferadb-health-collect-${shard + 1}-of-${shards}`,
            frequency: { milliseconds: healthConfig.refreshIntervalMs },
            // One run waits at most for the slowest source of the slowest region.
            timeout: {
              milliseconds: Math.max(
                healthConfig.refreshIntervalMs,
                healthConfig.sourceTimeoutMs * 4,
              ),
            },
            fn: () => health.collectShard(shard, shards),
          });
        }
        logger.info('InferaDB health collection scheduled', {
          fleetsInConfig: healthConfig.fleets.length,
          fleetFilesInConfig: healthConfig.fleetFiles.length,
          refreshIntervalMs: healthConfig.refreshIntervalMs,
        });
      },
    });
  },
});
