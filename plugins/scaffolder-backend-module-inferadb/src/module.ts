import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import {
  createTailscaleCreateAuthKeyAction,
  createTailscaleRotateAuthKeyAction,
} from './actions/tailscale';
import {
  createAddRegionAction,
  createRemoveRegionAction,
} from './actions/region';
import {
  createLocateFleetAction,
  createValidateFleetAction,
} from './actions/fleet';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';

/**
 * Registers the `inferadb:*` scaffolder actions.
 *
 * @public
 */
export const scaffolderModuleInferadb = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'inferadb',
  register(env) {
    env.registerInit({
      deps: {
        scaffolder: scaffolderActionsExtensionPoint,
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        catalog: catalogServiceRef,
        reader: coreServices.urlReader,
        auditor: coreServices.auditor,
        database: coreServices.database,
      },
      async init({
        scaffolder,
        config,
        logger,
        catalog,
        reader,
        auditor,
        database,
      }) {
        const keyDeps = { config, logger, auditor, database };
        scaffolder.addActions(
          createTailscaleCreateAuthKeyAction(keyDeps),
          createTailscaleRotateAuthKeyAction(keyDeps),
        );
        scaffolder.addActions(
          createAddRegionAction({ config }),
          createRemoveRegionAction(),
          createValidateFleetAction(),
          createLocateFleetAction({ catalog, reader, config }),
        );
      },
    });
  },
});
