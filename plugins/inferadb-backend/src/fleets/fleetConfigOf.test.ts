import { fleetSchema } from '@inferadb-regions/plugin-inferadb-common';
import { fleetConfigOf } from './fleetConfigOf';

const fleet = (regions: object[]) =>
  fleetSchema.parse({
    apiVersion: 'inferadb.io/v1alpha1',
    kind: 'Fleet',
    metadata: { name: 'f' },
    spec: { storage: { type: 'foundationdb' }, regions },
  });

const primary = {
  id: 'us-west-1',
  role: 'primary',
  cluster: 'k1',
  namespace: 'db',
  dataCenter: 'usw1',
  serviceCidr: '10.96.0.0/16',
  targets: { p95LatencyMs: 40 },
  maintenanceWindow: 'Sun 02:00-04:00 UTC',
};

describe('fleetConfigOf', () => {
  it('takes every fact from the fleet file and derives what the generator renders', () => {
    const config = fleetConfigOf(
      fleet([primary, { id: 'eu-central-1', role: 'replica', cluster: 'k2' }]),
      { url: 'http://prometheus:9090', regionLabel: 'region' },
    );
    expect(config.regions[0]).toEqual({
      id: 'us-west-1',
      role: 'primary',
      cluster: 'k1',
      namespace: 'db',
      dataCenter: 'usw1',
      engineService: 'inferadb-engine:8080',
      controlService: 'inferadb-control:9090',
      prometheus: {
        url: 'http://prometheus:9090',
        selector: 'region="us-west-1"',
      },
      tailscaleTags: ['tag:inferadb-us-west-1'],
      targets: { p95LatencyMs: 40 },
      maintenanceWindow: 'Sun 02:00-04:00 UTC',
    });
  });

  it('looks for no tailnet devices where the deployment runs none', () => {
    const [alone] = fleetConfigOf(fleet([primary]), undefined).regions;
    expect(alone.tailscaleTags).toEqual([]);
    expect(alone.prometheus).toBeUndefined();
  });
});
