import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { createScaffolderFieldExtension } from '@backstage/plugin-scaffolder-react';
import { inferadbApiRef, InferadbClient } from './api';
import {
  ClusterPicker,
  CLUSTER_PICKER_FIELD,
} from './components/ClusterPicker';
import { rootRouteRef } from './routes';

/**
 * The InferaDB frontend plugin for the legacy frontend system.
 *
 * @public
 */
export const inferadbPlugin = createPlugin({
  id: 'inferadb',
  apis: [
    createApiFactory({
      api: inferadbApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new InferadbClient({ discoveryApi, fetchApi }),
    }),
  ],
  routes: { root: rootRouteRef },
});

/**
 * The fleet page: mount it on a route, e.g. `<Route path="/inferadb" element={<InferadbFleetPage />} />`.
 *
 * @public
 */
export const InferadbFleetPage = inferadbPlugin.provide(
  createRoutableExtension({
    name: 'InferadbFleetPage',
    component: () => import('./components/FleetPage').then(m => m.FleetPage),
    mountPoint: rootRouteRef,
  }),
);

/**
 * The fleet tab of a `System` with the `inferadb.io/fleet` annotation.
 *
 * @public
 */
export const EntityInferadbFleetContent = inferadbPlugin.provide(
  createComponentExtension({
    name: 'EntityInferadbFleetContent',
    component: {
      lazy: () =>
        import('./components/EntityFleetContent').then(
          m => m.EntityFleetContent,
        ),
    },
  }),
);

/**
 * Health card of a region `Resource` with the `inferadb.io/region` annotation.
 *
 * @public
 */
export const EntityInferadbRegionCard = inferadbPlugin.provide(
  createComponentExtension({
    name: 'EntityInferadbRegionCard',
    component: {
      lazy: () =>
        import('./components/EntityCards').then(m => m.EntityRegionCard),
    },
  }),
);

/**
 * Summary card of a fleet's `System`: one line per region.
 *
 * @public
 */
export const EntityInferadbFleetCard = inferadbPlugin.provide(
  createComponentExtension({
    name: 'EntityInferadbFleetCard',
    component: {
      lazy: () =>
        import('./components/EntityCards').then(m => m.EntityFleetSummaryCard),
    },
  }),
);

/**
 * The new-region form's cluster field (`ui:field: InferadbClusterPicker`): the names of
 * `inferadb.clusters`, from the backend. Add it inside `<ScaffolderFieldExtensions>`.
 *
 * @public
 */
export const InferadbClusterPickerFieldExtension = inferadbPlugin.provide(
  createScaffolderFieldExtension({
    name: CLUSTER_PICKER_FIELD,
    component: ClusterPicker,
  }),
);
