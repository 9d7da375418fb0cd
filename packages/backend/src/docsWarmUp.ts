import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';

/** The entity whose TechDocs site is this repository's docs/ (catalog-info.yaml). */
const DOCS_ENTITY = 'default/system/inferadb-regions';
const ATTEMPTS = 36;
const PAUSE_MS = 5000;

/** Calls `step` until it returns true, pausing between calls; false after the last. */
async function eventually(step: () => Promise<boolean>): Promise<boolean> {
  for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
    if (await step().catch(() => false)) return true;
    await new Promise(resolve => setTimeout(resolve, PAUSE_MS));
  }
  return false;
}

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
        const call = async (pluginId: string, path: string) => {
          const { token } = await auth.getPluginRequestToken({
            onBehalfOf: await auth.getOwnServiceCredentials(),
            targetPluginId: pluginId,
          });
          const base = await discovery.getBaseUrl(pluginId);
          return fetch(`${base}${path}`, {
            headers: { authorization: `Bearer ${token}` },
          });
        };
        const warmUp = async () => {
          // The catalog may not hold the entity yet; the answer is an event stream that
          // ends when the build has finished.
          const built = await eventually(async () => {
            const res = await call('techdocs', `/sync/${DOCS_ENTITY}`);
            return res.ok && !(await res.text()).includes('event: error');
          });
          // The scheduled first run may still be going (a trigger is refused then) or may
          // have found no site yet: index until search answers for TechDocs.
          const indexed =
            built &&
            (await eventually(async () => {
              await scheduler.triggerTask('search_index_techdocs');
              await new Promise(resolve => setTimeout(resolve, PAUSE_MS));
              return (await call('search', '/query?types%5B0%5D=techdocs')).ok;
            }));
          if (indexed) {
            logger.info('Built and indexed the demo documentation', {
              entity: DOCS_ENTITY,
            });
          } else {
            logger.warn('Could not build and index the demo documentation', {
              entity: DOCS_ENTITY,
              built,
            });
          }
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
