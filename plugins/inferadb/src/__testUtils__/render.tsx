import { ReactElement } from 'react';
import { Entity } from '@backstage/catalog-model';
import {
  PermissionApi,
  permissionApiRef,
} from '@backstage/plugin-permission-react';
import {
  catalogApiRef,
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { InferadbApi, inferadbApiRef } from '../api';
import { rootRouteRef } from '../routes';

/** Denies every permission; a spy, so tests can wait for the answer. */
export const denyAll = {
  authorize: jest.fn<ReturnType<PermissionApi['authorize']>, []>(async () => ({
    result: 'DENY' as const,
  })),
};

/** Renders inside a test app with a mocked InferaDB client, permissions and catalog. */
export function renderWithApis(
  element: ReactElement,
  options: {
    api: InferadbApi;
    canRefresh?: boolean;
    entity?: Entity;
    catalogEntities?: Entity[];
    routeEntries?: string[];
  },
) {
  const wrapped = options.entity ? (
    <EntityProvider entity={options.entity}>{element}</EntityProvider>
  ) : (
    element
  );
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [inferadbApiRef, options.api],
        [
          permissionApiRef,
          // Allows everything unless told otherwise; denial hides the refresh button.
          options.canRefresh === false ? denyAll : mockApis.permission(),
        ],
        [
          catalogApiRef,
          catalogApiMock({ entities: options.catalogEntities ?? [] }),
        ],
      ]}
    >
      {wrapped}
    </TestApiProvider>,
    {
      mountedRoutes: {
        '/catalog/:namespace/:kind/:name': entityRouteRef,
        '/inferadb': rootRouteRef,
      },
      routeEntries: options.routeEntries,
    },
  );
}
