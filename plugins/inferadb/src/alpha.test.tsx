import { screen } from '@testing-library/react';
import {
  createExtensionTester,
  mockApis,
  renderInTestApp,
} from '@backstage/frontend-test-utils';
import { coreExtensionData } from '@backstage/frontend-plugin-api';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import { catalogApiRef, EntityProvider } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { FormFieldBlueprint } from '@backstage/plugin-scaffolder-react/alpha';
import plugin, {
  inferadbClusterPickerFormField,
  inferadbFleetEntityCard,
  inferadbFleetEntityContent,
  inferadbFleetPage,
  inferadbRegionEntityCard,
} from './alpha';
import { inferadbApiRef } from './api';
import { ClusterPicker } from './components/ClusterPicker';
import { mockInferadbApi } from './__testUtils__/fixtures';
import {
  fleetSystem,
  plainSystem,
  regionResource,
} from './__testUtils__/entities';

function apis() {
  return [
    [inferadbApiRef, mockInferadbApi()],
    [permissionApiRef, mockApis.permission()],
    [catalogApiRef, catalogApiMock()],
  ] as const;
}

describe('new frontend system', () => {
  it('is the inferadb plugin with the page, tab, cards and API', () => {
    expect(plugin.pluginId).toBe('inferadb');
    // The ids app-config uses to configure or disable them (and the sidebar's `page:inferadb`).
    expect(plugin.getExtension('page:inferadb')).toBeDefined();
    expect(plugin.getExtension('api:inferadb')).toBeDefined();
    expect(plugin.getExtension('entity-content:inferadb/fleet')).toBeDefined();
    expect(plugin.getExtension('entity-card:inferadb/region')).toBeDefined();
    expect(plugin.getExtension('entity-card:inferadb/fleet')).toBeDefined();
    expect(
      plugin.getExtension('scaffolder-form-field:inferadb/cluster-picker'),
    ).toBeDefined();
  });

  it('gives the scaffolder form the cluster field as InferadbClusterPicker', async () => {
    const load = createExtensionTester(inferadbClusterPickerFormField).get(
      FormFieldBlueprint.dataRefs.formFieldLoader,
    );
    const field = (await load()) as unknown as {
      name: string;
      component: unknown;
    };
    expect(field.name).toBe('InferadbClusterPicker');
    expect(field.component).toBe(ClusterPicker);
  });

  it('mounts the fleet page at /inferadb, titled InferaDB with an icon', async () => {
    const tester = createExtensionTester(inferadbFleetPage, {
      apis: apis() as any,
    });
    expect(tester.get(coreExtensionData.routePath)).toBe('/inferadb');
    expect(tester.get(coreExtensionData.title)).toBe('InferaDB');
    expect(tester.get(coreExtensionData.icon)).toBeTruthy();
    await renderInTestApp(tester.reactElement(), { apis: apis() as any });
    expect(
      await screen.findByTestId('fleet-topology', {}, { timeout: 15_000 }),
    ).toBeInTheDocument();
  });

  it('adds the fleet tab to Systems with the fleet annotation only', async () => {
    const tester = createExtensionTester(inferadbFleetEntityContent, {
      apis: apis() as any,
    });
    expect(tester.get(EntityContentBlueprint.dataRefs.title)).toBe('InferaDB');
    expect(tester.get(coreExtensionData.routePath)).toBe('inferadb');
    const filter = tester.get(EntityContentBlueprint.dataRefs.filterFunction)!;
    expect(filter(fleetSystem)).toBe(true);
    expect(filter(plainSystem)).toBe(false);
    expect(filter(regionResource)).toBe(false);
    await renderInTestApp(
      <EntityProvider entity={fleetSystem}>
        {tester.reactElement()}
      </EntityProvider>,
      { apis: apis() as any },
    );
    expect(
      await screen.findByTestId('fleet-topology', {}, { timeout: 15_000 }),
    ).toBeInTheDocument();
  });

  it('adds the region card to region Resources and the summary card to fleet Systems', async () => {
    const region = createExtensionTester(inferadbRegionEntityCard, {
      apis: apis() as any,
    });
    const regionFilter = region.get(
      EntityCardBlueprint.dataRefs.filterFunction,
    )!;
    expect(regionFilter(regionResource)).toBe(true);
    expect(regionFilter(fleetSystem)).toBe(false);

    const fleet = createExtensionTester(inferadbFleetEntityCard, {
      apis: apis() as any,
    });
    const fleetFilter = fleet.get(EntityCardBlueprint.dataRefs.filterFunction)!;
    expect(fleetFilter(fleetSystem)).toBe(true);
    expect(fleetFilter(regionResource)).toBe(false);

    await renderInTestApp(
      <EntityProvider entity={regionResource}>
        {region.reactElement()}
      </EntityProvider>,
      { apis: apis() as any },
    );
    expect(
      await screen.findByText(
        'InferaDB region eu-central-1',
        {},
        { timeout: 15_000 },
      ),
    ).toBeInTheDocument();
  });
});
