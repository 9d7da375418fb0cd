import { addRegion, initFleet } from '@inferadb-regions/plugin-inferadb-node';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** The dev portal's demo fleet: FDB primary and DR, plus a read replica. */
export const DEMO_FLEET = {
  name: 'inferadb-demo',
  regions: [
    { id: 'us-west-1', role: 'primary', cluster: 'demo-us-west-1' },
    { id: 'eu-central-1', role: 'dr', cluster: 'demo-eu-central-1' },
    { id: 'ap-southeast-1', role: 'replica', cluster: 'demo-ap-southeast-1' },
  ],
} as const;

/** Cluster names the new-region template offers (its `cluster` enum). */
export const TEMPLATE_CLUSTERS = [
  'demo-us-west-1',
  'demo-eu-central-1',
  'demo-ap-southeast-1',
  'demo-us-east-1',
  'demo-sa-east-1',
];

/** A Service CIDR of its own for each demo cluster (FDB data centers advertise theirs). */
export function demoServiceCidr(index: number): string {
  return `10.${96 + index}.0.0/16`;
}

/**
 * Writes the demo fleet's deployment repository the way a team would create it, with the
 * library behind `inferadb-regions init` and `add-region`, and returns its folder.
 */
export async function writeDemoDeploymentRepository(): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'inferadb-demo-deploy-'));
  const [primary, ...others] = DEMO_FLEET.regions;
  await initFleet(dir, {
    name: DEMO_FLEET.name,
    storage: 'foundationdb',
    owner: 'group:default/platform',
    primary: {
      id: primary.id,
      cluster: primary.cluster,
      serviceCidr: demoServiceCidr(0),
    },
  });
  for (const [index, region] of others.entries()) {
    await addRegion(dir, {
      region: {
        id: region.id,
        role: region.role,
        cluster: region.cluster,
        serviceCidr: demoServiceCidr(index + 1),
      },
    });
  }
  return dir;
}
