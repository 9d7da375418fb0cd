import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { inferadbPermissions } from '@internal/plugin-inferadb-common';
import {
  KubernetesClusters,
  tailscaleClientFromConfig,
} from '@internal/plugin-inferadb-node';
import {
  clusterClientFactory,
  KubernetesClientFactory,
} from './collectors/kubernetesClient';
import { TailscaleHealthReader } from './collectors/tailscale';
import { readHealthConfig } from './config/readHealthConfig';
import { inferadbHealthCollectorsExtensionPoint } from './extensions';
import { createRouter } from './router/createRouter';
import { HealthService } from './service/HealthService';
import { SnapshotStore } from './snapshots/SnapshotStore';

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
        kubernetes = factory;
      },
      setTailscaleReader(reader) {
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
      },
      async init(deps) {
        const { config, logger, scheduler } = deps;
        const healthConfig = readHealthConfig(config);
        const store = await SnapshotStore.create({
          database: deps.database,
          historyLimit: healthConfig.historyLimit,
        });
        const health = new HealthService(
          healthConfig,
          store,
          {
            kubernetes: kubernetes ?? clusterClientFactory(config),
            tailscale:
              tailscale ??
              (config.has('inferadb.tailscale')
                ? tailscaleClientFromConfig(config, {
                    logger,
                    // The collector has its own timeout and runs again next interval.
                    retry: { maxAttempts: 1 },
                    timeoutMs: healthConfig.sourceTimeoutMs,
                  })
                : undefined),
            metrics: healthConfig.metrics,
            sourceTimeoutMs: healthConfig.sourceTimeoutMs,
          },
          logger,
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

        if (healthConfig.fleets.length) {
          await scheduler.scheduleTask({
            id: 'inferadb-health-collect',
            frequency: { milliseconds: healthConfig.refreshIntervalMs },
            // One run waits at most for the slowest source of the slowest region.
            timeout: {
              milliseconds: Math.max(
                healthConfig.refreshIntervalMs,
                healthConfig.sourceTimeoutMs * 4,
              ),
            },
            fn: async () => {
              await health.collectAll();
            },
          });
        }
        logger.info(
          `InferaDB health: ${healthConfig.fleets.length} fleet(s), refresh every ${healthConfig.refreshIntervalMs} ms`,
        );
      },
    });
  },
});
