import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';

/** The entity whose TechDocs site is this repository's docs/ (catalog-info.yaml). */
const DOCS_ENTITY = 'default/system/inferadb-regions';

/**
 * Dev portal only: once the backend has started, builds the project's TechDocs site and
 * then indexes it for search. TechDocs builds a site when someone first opens it, and the
 * search index is built on a schedule; without this, every docs page asked search for an
 * index that did not exist yet ("Missing index for techdocs", HTTP 500).
 */
export default createBackendModule({
  pluginId: 'search',
  moduleId: 'inferadb-demo-docs',
  register(env) {
    env.registerInit({
      deps: {
        auth: coreServices.auth,
        discovery: coreServices.discovery,
        scheduler: coreServices.scheduler,
        logger: coreServices.logger,
        lifecycle: coreServices.rootLifecycle,
      },
      async init({ auth, discovery, scheduler, logger, lifecycle }) {
        const warmUp = async () => {
          const { token } = await auth.getPluginRequestToken({
            onBehalfOf: await auth.getOwnServiceCredentials(),
            targetPluginId: 'techdocs',
          });
          const base = await discovery.getBaseUrl('techdocs');
          const res = await fetch(`${base}/sync/${DOCS_ENTITY}`, {
            headers: { authorization: `Bearer ${token}` },
          });
          // The answer is an event stream that ends when the build has finished.
          const events = await res.text();
          if (!res.ok || events.includes('event: error'))
            throw new Error(`TechDocs answered ${res.status}: ${events}`);
          await scheduler.triggerTask('search_index_techdocs');
          logger.info('Built and indexed the demo documentation', {
            entity: DOCS_ENTITY,
          });
        };
        lifecycle.addStartupHook(() => {
          warmUp().catch(error =>
            logger.warn('Could not build the demo documentation ahead', {
              entity: DOCS_ENTITY,
              error: String(error),
            }),
          );
        });
      },
    });
  },
});
