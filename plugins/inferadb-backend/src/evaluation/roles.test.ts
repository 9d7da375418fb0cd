import { FoundationDbHealth } from '@inferadb-regions/plugin-inferadb-common';
import { FleetConfig } from '../config/types';
import { regionConfig } from '../__testUtils__/regionFixture';
import { maintenanceWindowAt } from './maintenanceWindow';
import { deployedPrimaryOf, deployedRoleOf, priorityCheckOf } from './roles';

const region = regionConfig;

const fleet: FleetConfig = {
  name: 'f',
  storage: 'foundationdb',
  regions: [
    region('us', 'primary'),
    region('eu', 'dr'),
    region('sat', 'satellite'),
  ],
};

const fdb = (us: number, eu: number, dc = 'us'): FoundationDbHealth => ({
  clusterName: 'c',
  dataCenter: dc,
  regions: [
    { dataCenter: 'us', priority: us, satellites: ['sat'] },
    { dataCenter: 'eu', priority: eu, satellites: [] },
  ],
  priority: dc === 'us' ? us : eu,
});

describe('roles as deployed', () => {
  it('takes the higher FDB priority as primary', () => {
    expect(deployedPrimaryOf(fdb(1, 0))).toBe('us');
    expect(deployedPrimaryOf(fdb(1, 2))).toBe('eu');
    expect(deployedPrimaryOf(fdb(1, 1))).toBeUndefined();
    expect(deployedPrimaryOf(fdb(-1, -1))).toBeUndefined();
  });

  it('gives each data center its role', () => {
    expect(deployedRoleOf(fleet.regions[0], fdb(1, 0))).toBe('primary');
    expect(deployedRoleOf(fleet.regions[1], fdb(1, 0, 'eu'))).toBe('dr');
    expect(deployedRoleOf(fleet.regions[1], fdb(1, -1, 'eu'))).toBe('replica');
    expect(deployedRoleOf(fleet.regions[2], fdb(1, 0, 'sat'))).toBe(
      'satellite',
    );
    expect(deployedRoleOf(fleet.regions[0], undefined)).toBe('unknown');
  });

  it('flags the seed documents priorities (primary 1, DR 2) with the fix', () => {
    const ok = priorityCheckOf(fleet, fdb(1, 0));
    expect(ok?.contradictsDeclaredRole).toBe(false);
    const wrong = priorityCheckOf(fleet, fdb(1, 2));
    expect(wrong).toMatchObject({
      contradictsDeclaredRole: true,
      deployedPrimary: 'eu',
    });
    expect(wrong?.reason).toContain(
      'give us the highest priority and DR regions 0',
    );
    expect(priorityCheckOf(fleet, fdb(1, 1))?.contradictsDeclaredRole).toBe(
      true,
    );
  });
});

describe('maintenance windows', () => {
  const sunday3am = Date.parse('2026-11-22T03:00:00Z'); // a Sunday
  it('tells whether an instant is inside a weekly UTC window', () => {
    expect(maintenanceWindowAt('Sun 02:00-04:00 UTC', sunday3am).active).toBe(
      true,
    );
    expect(maintenanceWindowAt('Sun 04:00-06:00 UTC', sunday3am).active).toBe(
      false,
    );
    expect(maintenanceWindowAt('Sat 23:00-04:00 UTC', sunday3am).active).toBe(
      true,
    );
    expect(maintenanceWindowAt('Mon 02:00-04:00 UTC', sunday3am).active).toBe(
      false,
    );
  });
  it('keeps windows it cannot read, with active null', () => {
    expect(maintenanceWindowAt('every other Tuesday', sunday3am)).toEqual({
      spec: 'every other Tuesday',
      active: null,
    });
  });
});
