import { createElement } from 'react';
import { getComponentData } from '@backstage/core-plugin-api';
import { ClusterPicker } from './components/ClusterPicker';
import {
  EntityInferadbFleetCard,
  EntityInferadbFleetContent,
  EntityInferadbRegionCard,
  InferadbClusterPickerFieldExtension,
  inferadbPlugin,
  InferadbFleetPage,
  isInferadbFleet,
  isInferadbRegion,
} from './index';
import {
  fleetSystem,
  plainSystem,
  regionResource,
} from './__testUtils__/entities';

describe('legacy frontend system', () => {
  it('exports the plugin, its routable page and component extensions', () => {
    expect(inferadbPlugin.getId()).toBe('inferadb');
    expect([...inferadbPlugin.getApis()].map(a => a.api.id)).toEqual([
      'plugin.inferadb.service',
    ]);
    expect(inferadbPlugin.routes.root).toBeDefined();
    for (const extension of [
      InferadbFleetPage,
      EntityInferadbFleetContent,
      EntityInferadbRegionCard,
      EntityInferadbFleetCard,
    ]) {
      expect(typeof extension).toBe('function');
    }
  });

  it('exports the cluster field for <ScaffolderFieldExtensions> as InferadbClusterPicker', () => {
    // What the scaffolder page reads from the children of <ScaffolderFieldExtensions>.
    const field = getComponentData<{ name: string; component: unknown }>(
      createElement(InferadbClusterPickerFieldExtension),
      'scaffolder.extensions.field.v1',
    );
    expect(field?.name).toBe('InferadbClusterPicker');
    expect(field?.component).toBe(ClusterPicker);
  });

  it('offers entity predicates for EntitySwitch', () => {
    expect(isInferadbFleet(fleetSystem)).toBe(true);
    expect(isInferadbFleet(plainSystem)).toBe(false);
    expect(isInferadbRegion(regionResource)).toBe(true);
    expect(isInferadbRegion(fleetSystem)).toBe(false);
  });
});
