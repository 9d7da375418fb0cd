import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import {
  createScaffolderFieldExtension,
  FieldExtensionComponent,
} from '@backstage/plugin-scaffolder-react';
import { inferadbApiRef, InferadbClient } from './api';
import {
  ClusterPicker,
  CLUSTER_PICKER_FIELD,
} from './components/ClusterPicker';
import { RegionPicker, REGION_PICKER_FIELD } from './components/RegionPicker';
import { RolePicker, ROLE_PICKER_FIELD } from './components/RolePicker';
import { rootRouteRef } from './routes';

/**
 * What the fleet page, tab and cards take.
 *
 * @public
 */
export type InferadbComponentProps = {
  /** How often to ask the backend for fresh health (default 15000 ms). */
  pollIntervalMs?: number;
};

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
export const InferadbFleetPage: (props: InferadbComponentProps) => JSX.Element =
  inferadbPlugin.provide(
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
export const EntityInferadbFleetContent: (
  props: InferadbComponentProps,
) => JSX.Element = inferadbPlugin.provide(
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
export const EntityInferadbRegionCard: (
  props: InferadbComponentProps,
) => JSX.Element = inferadbPlugin.provide(
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
export const EntityInferadbFleetCard: (
  props: InferadbComponentProps,
) => JSX.Element = inferadbPlugin.provide(
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

/**
 * The remove-region form's region field, `ui:field: InferadbRegionPicker`, for the legacy
 * frontend system: the regions of the fleet chosen in the same form. Render it inside
 * `<ScaffolderFieldExtensions>`.
 *
 * @public
 */
export const InferadbRegionPickerFieldExtension: FieldExtensionComponent<
  string,
  { fleetField?: string; exceptPrimary?: boolean }
> = inferadbPlugin.provide(
  createScaffolderFieldExtension({
    name: REGION_PICKER_FIELD,
    component: RegionPicker,
  }),
);

/**
 * The new-region form's role field, `ui:field: InferadbRolePicker`, for the legacy frontend
 * system: the roles the chosen fleet can take. Render it inside
 * `<ScaffolderFieldExtensions>`.
 *
 * @public
 */
export const InferadbRolePickerFieldExtension: FieldExtensionComponent<
  string,
  { fleetField?: string }
> = inferadbPlugin.provide(
  createScaffolderFieldExtension({
    name: ROLE_PICKER_FIELD,
    component: RolePicker,
  }),
);
