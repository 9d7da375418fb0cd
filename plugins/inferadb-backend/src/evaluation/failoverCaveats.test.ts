import { FoundationDbHealth } from '@inferadb-regions/plugin-inferadb-common';
import { FleetConfig, RegionConfig } from '../config/types';
import { regionConfig } from '../__testUtils__/regionFixture';
import { failoverCaveats } from './failoverCaveats';

const region = regionConfig;

const fleet = (
  storage: FleetConfig['storage'],
  ...roles: Array<RegionConfig['role']>
): FleetConfig => ({
  name: 'f',
  storage,
  regions: roles.map((role, i) => region(`r${i}`, role)),
});

const deployed = (satellites: string[]): FoundationDbHealth => ({
  clusterName: 'c',
  dataCenter: 'r1',
  regions: [
    { dataCenter: 'r0', priority: 1, satellites },
    { dataCenter: 'r1', priority: 0, satellites },
  ],
});

describe('failoverCaveats', () => {
  it.each([
    [
      'FDB primary and DR, no satellite',
      fleet('foundationdb', 'primary', 'dr'),
      undefined,
      1,
    ],
    [
      'a satellite in the fleet file',
      fleet('foundationdb', 'primary', 'dr', 'satellite'),
      undefined,
      0,
    ],
    [
      'a satellite in the deployed configuration',
      fleet('foundationdb', 'primary', 'dr'),
      deployed(['r2']),
      0,
    ],
    [
      'deployed without satellites',
      fleet('foundationdb', 'primary', 'dr'),
      deployed([]),
      1,
    ],
    [
      'a Ledger fleet (no satellites there)',
      fleet('ledger', 'primary', 'dr'),
      undefined,
      0,
    ],
  ] as const)('%s', (_, f, fdb, count) => {
    const caveats = failoverCaveats(f, fdb);
    expect(caveats).toHaveLength(count);
    for (const caveat of caveats) {
      expect(caveat).toMatch(
        /force_recovery_with_data_loss.*add a region with role satellite/,
      );
    }
  });

  it.each([
    ['the primary holds 5 of 9', 4, true],
    ['this data center holds 5 of 9', 5, false],
  ] as const)(
    'names the coordinator majority only where the primary holds it: %s',
    (_, here, named) => {
      const fdb: FoundationDbHealth = {
        ...deployed([]),
        coordinators: { total: 9, desired: 9, here, unreachableHere: 0 },
      };
      const [caveat] = failoverCaveats(
        fleet('foundationdb', 'primary', 'dr'),
        fdb,
      );
      expect(caveat.includes("primary's data center holds 5 of 9")).toBe(named);
    },
  );
});
