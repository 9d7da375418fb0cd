import {
  ApiBlueprint,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import {
  createFormField,
  FormFieldBlueprint,
} from '@backstage/plugin-scaffolder-react/alpha';
import Storage from '@material-ui/icons/Storage';
import { Content } from '@backstage/core-components';
import {
  FLEET_ANNOTATION,
  REGION_RESOURCE_TYPE,
} from '@inferadb-regions/plugin-inferadb-common';
import { inferadbApiRef, InferadbClient } from './api';
import { rootRouteRef } from './routes';

/**
 * The API client, backed by discovery and fetch (which adds the user's token).
 *
 * @alpha
 */
export const inferadbApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: inferadbApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new InferadbClient({ discoveryApi, fetchApi }),
    }),
});

/**
 * The fleet page at `/inferadb`; its title and icon make the sidebar item.
 *
 * @alpha
 */
export const inferadbFleetPage = PageBlueprint.make({
  params: {
    path: '/inferadb',
    title: 'InferaDB',
    icon: <Storage />,
    routeRef: rootRouteRef,
    // The app draws the page header; Content gives the body the usual padding.
    loader: () =>
      import('./components/FleetPage').then(m => (
        <Content>
          <m.FleetPageContent />
        </Content>
      )),
  },
});

// Filters are data (not functions) so that app-config can override them.
const fleetSystem = {
  kind: 'system',
  [`metadata.annotations.${FLEET_ANNOTATION}`]: { $exists: true },
};
const regionResource = {
  kind: 'resource',
  'spec.type': REGION_RESOURCE_TYPE,
};

/**
 * The fleet tab on a `System` with the `inferadb.io/fleet` annotation.
 *
 * @alpha
 */
export const inferadbFleetEntityContent = EntityContentBlueprint.make({
  name: 'fleet',
  params: {
    path: 'inferadb',
    title: 'InferaDB',
    filter: fleetSystem,
    loader: () =>
      import('./components/EntityFleetContent').then(m => (
        <m.EntityFleetContent />
      )),
  },
});

/**
 * Health card of a region `Resource`.
 *
 * @alpha
 */
export const inferadbRegionEntityCard = EntityCardBlueprint.make({
  name: 'region',
  params: {
    filter: regionResource,
    loader: () =>
      import('./components/EntityCards').then(m => <m.EntityRegionCard />),
  },
});

/**
 * Summary card of a fleet's `System`.
 *
 * @alpha
 */
export const inferadbFleetEntityCard = EntityCardBlueprint.make({
  name: 'fleet',
  params: {
    filter: fleetSystem,
    loader: () =>
      import('./components/EntityCards').then(m => (
        <m.EntityFleetSummaryCard />
      )),
  },
});

/**
 * The new-region form's cluster field, `ui:field: InferadbClusterPicker`.
 *
 * @alpha
 */
export const inferadbClusterPickerFormField = FormFieldBlueprint.make({
  name: 'cluster-picker',
  params: {
    field: () =>
      import('./components/ClusterPicker').then(m =>
        createFormField({
          name: m.CLUSTER_PICKER_FIELD,
          component: m.ClusterPicker,
        }),
      ),
  },
});

/**
 * The remove-region form's region field, `ui:field: InferadbRegionPicker`: the regions of
 * the fleet chosen in the same form.
 *
 * @alpha
 */
export const inferadbRegionPickerFormField = FormFieldBlueprint.make({
  name: 'region-picker',
  params: {
    field: () =>
      import('./components/RegionPicker').then(m =>
        createFormField({
          name: m.REGION_PICKER_FIELD,
          component: m.RegionPicker,
        }),
      ),
  },
});

/**
 * The new-region form's role field, `ui:field: InferadbRolePicker`: the roles the chosen
 * fleet can take.
 *
 * @alpha
 */
export const inferadbRolePickerFormField = FormFieldBlueprint.make({
  name: 'role-picker',
  params: {
    field: () =>
      import('./components/RolePicker').then(m =>
        createFormField({
          name: m.ROLE_PICKER_FIELD,
          component: m.RolePicker,
        }),
      ),
  },
});

/**
 * The InferaDB frontend plugin for the new frontend system.
 *
 * @alpha
 */
export default createFrontendPlugin({
  pluginId: 'inferadb',
  title: 'InferaDB',
  icon: <Storage />,
  routes: { root: rootRouteRef },
  extensions: [
    inferadbApi,
    inferadbFleetPage,
    inferadbFleetEntityContent,
    inferadbRegionEntityCard,
    inferadbFleetEntityCard,
    inferadbClusterPickerFormField,
    inferadbRegionPickerFormField,
    inferadbRolePickerFormField,
  ],
});
