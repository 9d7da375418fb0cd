import { Entity } from '@backstage/catalog-model';
import {
  belongsToFleet,
  isFleetEntity,
  isRegionEntity,
  readFleetEntity,
  readRegionEntity,
} from './catalog';

const fleetSystem: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'System',
  metadata: {
    name: 'inferadb-demo',
    annotations: { 'inferadb.io/fleet': 'inferadb-demo' },
  },
  spec: { owner: 'group:default/platform' },
};

function regionResource(
  annotations: Record<string, string>,
  spec: Record<string, unknown> = {},
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: { name: 'inferadb-demo-eu-central-1', annotations },
    spec: {
      type: 'inferadb-region',
      owner: 'group:default/platform',
      system: 'inferadb-demo',
      ...spec,
    },
  };
}

const drRegion = regionResource({
  'inferadb.io/fleet': 'inferadb-demo',
  'inferadb.io/region': 'eu-central-1',
  'inferadb.io/role': 'dr',
});

describe('fleet entities', () => {
  it('recognises a System with the fleet annotation and reads its fleet', () => {
    expect(isFleetEntity(fleetSystem)).toBe(true);
    expect(readFleetEntity(fleetSystem)).toBe('inferadb-demo');
  });

  it('refuses a System without the annotation, and a Resource with it', () => {
    const plain = { ...fleetSystem, metadata: { name: 'billing' } };
    expect(isFleetEntity(plain)).toBe(false);
    expect(() => readFleetEntity(plain)).toThrow(
      "System 'default/billing' is not an InferaDB fleet: a fleet is a System with annotation inferadb.io/fleet: <fleet name>",
    );
    expect(isFleetEntity(drRegion)).toBe(false);
    expect(() => readFleetEntity(drRegion)).toThrow(/is not an InferaDB fleet/);
  });

  it('treats a blank annotation as missing', () => {
    const blank = {
      ...fleetSystem,
      metadata: { name: 'x', annotations: { 'inferadb.io/fleet': '  ' } },
    };
    expect(isFleetEntity(blank)).toBe(false);
  });
});

describe('region entities', () => {
  it("reads a region's id, fleet and role", () => {
    expect(isRegionEntity(drRegion)).toBe(true);
    expect(readRegionEntity(drRegion)).toEqual({
      id: 'eu-central-1',
      fleet: 'inferadb-demo',
      role: 'dr',
    });
  });

  it('takes the fleet from a full entity ref in spec.system', () => {
    const region = regionResource(
      { 'inferadb.io/region': 'us-west-1', 'inferadb.io/role': 'primary' },
      { system: 'system:default/inferadb-demo' },
    );
    expect(readRegionEntity(region).fleet).toBe('inferadb-demo');
  });

  it('does not take a fleet System or another Resource type for a region', () => {
    expect(isRegionEntity(fleetSystem)).toBe(false);
    const database = regionResource(drRegion.metadata.annotations!, {
      type: 'database',
    });
    expect(isRegionEntity(database)).toBe(false);
    expect(() => readRegionEntity(database)).toThrow(
      "Resource 'default/inferadb-demo-eu-central-1' is not an InferaDB region: a region is a Resource with spec.type inferadb-region",
    );
  });

  it('says which annotation is missing and how to add it', () => {
    const noId = regionResource({ 'inferadb.io/role': 'dr' });
    expect(() => readRegionEntity(noId)).toThrow(
      'has no inferadb.io/region annotation: add inferadb.io/region: <region id>, for example us-west-1',
    );
    const noRole = regionResource({ 'inferadb.io/region': 'eu-central-1' });
    expect(() => readRegionEntity(noRole)).toThrow(
      'has no inferadb.io/role annotation: set it to one of primary, dr, satellite, replica',
    );
  });

  it('refuses an unknown role', () => {
    const region = regionResource({
      'inferadb.io/region': 'eu-central-1',
      'inferadb.io/role': 'secondary',
    });
    expect(() => readRegionEntity(region)).toThrow(
      "has inferadb.io/role: 'secondary': set it to one of primary, dr, satellite, replica",
    );
  });

  it('refuses a region without spec.system', () => {
    const region = regionResource(drRegion.metadata.annotations!, {
      system: undefined,
    });
    expect(() => readRegionEntity(region)).toThrow(
      "has no spec.system: set it to the fleet's System, for example spec.system: inferadb-demo",
    );
  });

  it('refuses a fleet annotation that contradicts spec.system', () => {
    const region = regionResource({
      ...drRegion.metadata.annotations,
      'inferadb.io/fleet': 'inferadb-prod',
    });
    expect(() => readRegionEntity(region)).toThrow(
      "names fleet 'inferadb-prod' in inferadb.io/fleet but its spec.system is 'inferadb-demo': make them the same fleet",
    );
  });
});

describe('belongsToFleet', () => {
  const ORIGIN = 'backstage.io/managed-by-origin-location';
  const from = (entity: Entity, origin: string): Entity => ({
    ...entity,
    metadata: {
      ...entity.metadata,
      annotations: { ...entity.metadata.annotations, [ORIGIN]: origin },
    },
  });
  const deploy =
    'url:https://github.com/acme/deploy/blob/main/catalog-info.yaml';
  const system = from(fleetSystem, deploy);
  const region = (origin: string, spec: Record<string, unknown> = {}) =>
    from(
      regionResource(
        { 'inferadb.io/region': 'eu-central-1', 'inferadb.io/role': 'dr' },
        spec,
      ),
      origin,
    );

  it("takes a region Resource of the fleet's System from the same location", () => {
    expect(belongsToFleet(region(deploy), system)).toBe(true);
    expect(
      belongsToFleet(
        region(deploy, { system: 'system:default/inferadb-demo' }),
        system,
      ),
    ).toBe(true);
  });

  it('refuses one registered from elsewhere, or naming another System', () => {
    expect(
      belongsToFleet(
        region('url:https://github.com/someone/else/blob/main/x.yaml'),
        system,
      ),
    ).toBe(false);
    expect(belongsToFleet(region(deploy, { system: 'other' }), system)).toBe(
      false,
    );
    expect(belongsToFleet(region(deploy, { type: 'database' }), system)).toBe(
      false,
    );
  });
});
